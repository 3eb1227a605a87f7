"""Understanding-specific phrase tables (EN/ZH) on top of `catalog.synonyms.SYNONYMS`.

The shared synonym table says what a word means when it names an attribute; these
tables hold what only a conversation needs: words that name an attribute only in
context, idioms that contain a colour but are not one, and the cue words of intents.
"""

from __future__ import annotations

# More shopper words for canonical values (slot -> term -> value).
EXTRA_TERMS: dict[str, dict[str, str]] = {
    "category": {
        "tee shirt": "t-shirt", "tee-shirt": "t-shirt", "teeshirt": "t-shirt",
        "dress shirt": "shirt", "flannel shirt": "shirt",
        "crewneck": "sweater", "crew neck sweater": "sweater",
        "biker jacket": "jacket",
        "sport jacket": "blazer",
        "frock": "dress", "boiler suit": "jumpsuit",
        "swim shorts": "shorts", "board shorts": "shorts", "trunks": "shorts",
        "miniskirt": "skirt", "mini skirt": "skirt",
        "长袖t恤": "t-shirt", "羊毛衫": "sweater",
        "羽绒服": "coat", "皮衣": "jacket", "冲锋衣": "jacket",
        "裙": "dress", "长裙": "dress", "礼服": "dress", "休闲裤": "trousers",
        "阔腿裤": "trousers", "背带裤": "jumpsuit", "马球衫": "polo", "小西装": "blazer",
        "短袖衬衫": "shirt", "长袖衬衫": "shirt",
    },
    "color": {
        "olive green": "olive", "bottle green": "green", "dark green": "green",
        "light green": "green", "hunter green": "green", "baby blue": "blue", "pale blue": "blue",
        "powder blue": "blue", "electric blue": "blue", "dark red": "burgundy",
        "hot pink": "pink", "pale pink": "pink", "baby pink": "pink", "light pink": "pink",
        "taupe": "beige", "oatmeal": "beige", "ecru": "beige", "champagne": "beige",
        "snow white": "white", "jet black": "black", "charcoal grey": "grey", "graphite": "grey",
        "slate": "grey", "ash": "grey", "plum": "purple", "indigo": "navy", "crimson": "red",
        "scarlet": "red", "cherry": "red", "lemon": "yellow", "terracotta": "orange",
        "tangerine": "orange", "khakis": "beige", "chocolate brown": "brown", "cognac": "brown",
        "藏蓝色": "navy", "宝蓝": "blue", "天蓝": "blue", "天蓝色": "blue", "浅蓝": "blue",
        "浅蓝色": "blue", "大红": "red", "大红色": "red", "粉红": "pink", "灰白": "grey",
        "浅灰": "grey", "深灰": "grey", "深灰色": "grey", "浅灰色": "grey", "米白": "white",
        "米白色": "white", "奶白": "white", "杏": "beige", "卡其": "beige", "驼": "beige",
        "咖啡": "brown", "姜黄": "yellow", "芥末黄": "yellow", "黑白": "black",
    },
    "fit": {
        "slim-fitting": "slim", "skinny fit": "slim", "form fitting": "slim", "form-fitting": "slim",
        "loose-fitting": "relaxed", "loose fitting": "relaxed", "roomy": "relaxed",
        "relaxed-fit": "relaxed", "oversize fit": "oversized", "oversized fit": "oversized",
        "紧": "slim", "宽松版": "relaxed", "宽大": "oversized", "oversize版": "oversized",
        "修身款": "slim", "直筒": "regular",
    },
    "material": {
        "cottons": "cotton", "wool blend": "wool", "wollen": "wool", "leathers": "leather",
        "cashmere blend": "cashmere", "silky": "silk", "linens": "linen",
        "polyster": "polyester", "acrylic": "polyester", "rayon": "polyester", "viscose": "polyester",
        "fleecy": "fleece", "纯羊毛": "wool", "绵羊毛": "wool", "棉麻": "linen", "涤": "polyester",
        "化纤": "polyester", "羊羔绒": "fleece", "摇粒": "fleece", "皮衣": "leather",
    },
    "pattern": {
        "pinstripes": "striped", "striped pattern": "striped", "checkered pattern": "checked",
        "floral print": "floral", "flower print": "floral", "florals": "floral", "polka": "polka-dot",
        "graphics": "graphic",
        "no pattern": "solid", "plain colour": "solid", "plain color": "solid", "single colour": "solid",
        "条纹的": "striped", "格子的": "checked", "印花的": "floral", "碎花的": "floral",
        "点点": "polka-dot", "无图案": "solid",
    },
    "sleeve": {
        "short-sleeves": "short", "long-sleeves": "long", "sleeves": "long", "3/4 sleeve": "long",
        "tank top": "sleeveless", "tanks": "sleeveless", "halter": "sleeveless",
        "短袖的": "short", "长袖的": "long", "无袖的": "sleeveless", "吊带": "sleeveless",
        "短袖t恤": "short", "长袖t恤": "long", "短袖衬衫": "short", "长袖衬衫": "long",
    },
    "style": {
        "boho-chic": "bohemian", "sporty look": "sporty", "street style": "streetwear",
        "streetstyle": "streetwear", "hip hop": "streetwear", "hip-hop": "streetwear",
        "business casual": "casual", "laid back": "casual", "relaxed vibe": "casual",
        "elegance": "elegant", "glam": "elegant", "glamorous": "elegant", "minimalistic": "minimalist",
        "understated": "minimalist", "old school": "vintage", "retro-style": "vintage", "90s": "vintage",
        "black tie": "formal", "black-tie": "formal", "smart": "formal", "sportswear": "sporty",
        "运动风": "sporty", "休闲风": "casual", "通勤风": "formal", "复古风": "vintage",
        "简约风": "minimalist", "极简": "minimalist", "波西米亚风": "bohemian", "正装": "formal",
        "文艺": "bohemian", "优雅的": "elegant", "街头范": "streetwear", "嘻哈": "streetwear",
    },
    "occasion": {
        "every day": "everyday", "everyday wear": "everyday", "day to day": "everyday",
        "day-to-day": "everyday", "daily wear": "everyday", "around the house": "everyday",
        "the office": "work", "job interview": "work", "at work": "work", "for work": "work",
        "workplace": "work", "wedding party": "wedding", "bridesmaid": "wedding",
        "reception": "wedding", "married": "wedding", "gets married": "wedding",
        "is getting married": "wedding", "club": "party", "prom": "party",
        "new year's eve": "party", "festival": "party", "run": "sport", "jogging": "sport",
        "yoga": "sport", "training": "sport", "cycling": "sport", "football": "sport",
        "basketball": "sport", "soccer": "sport", "marathon": "sport", "the gym": "sport",
        "swim": "beach", "swimming": "beach", "beach day": "beach", "summer holiday": "beach",
        "trips": "travel", "journey": "travel",
        "business trip": "travel", "road trip": "travel", "vacation trip": "travel",
        "romantic dinner": "date", "first date": "date",
        "平时": "everyday", "平常": "everyday", "每天": "everyday", "上班穿": "work", "工作": "work",
        "面试": "work", "婚宴": "wedding", "参加婚礼": "wedding", "喝喜酒": "wedding",
        "晚会": "party", "跑步": "sport", "健身房": "sport", "打球": "sport",
        "出游": "travel", "出差": "travel", "海滩": "beach", "游泳": "beach",
    },
    "gender": {
        "menswear": "men", "for men": "men", "womenswear": "women", "for women": "women",
        "ladies'": "women", "mens'": "men", "for kids": "kids", "for children": "kids",
        "男生": "men", "男性": "men", "男式": "men", "女生": "women", "女性": "women", "女式": "women",
        "男女同款": "unisex", "情侣": "unisex",
    },
}

# Terms whose meaning in a chat differs from the shared table: term -> the one pair it
# means here, or None for "no attribute at all". ("gym" is where, not a style.)
OVERRIDES: dict[str, tuple[str, str] | None] = {
    "gym": ("occasion", "sport"),
    "business": ("occasion", "work"),
    "运动": ("occasion", "sport"),
    "jean": ("material", "denim"),
    "classic": None,
    "clean": None,
    "simple": None,
    "block": None,
    "holiday": ("occasion", "travel"),
    "vacation": ("occasion", "travel"),
    "straight": None,
    "top": ("category", "tops"),
    "花": None,
    "麻": None,
}

# Garments outside the category list: asking for one is asking for another kind of garment
# ("any nice hats?"), even when the shop sells none.
UNLISTED_GARMENTS: frozenset[str] = frozenset({
    "suit", "suits", "shoes", "sneakers", "trainers", "boots", "heels", "sandals", "loafers", "tie", "ties",
    "scarf", "scarves", "hat", "hats", "cap", "caps", "beanie", "beanies", "belt", "belts", "vest", "vests", "tux",
    "tuxedo",
    "handbag", "handbags", "purse", "purses", "backpack", "backpacks", "socks", "gloves", "sunglasses", "jewelry",
    "jewellery", "necklace", "earrings", "swimsuit", "swimsuits", "bikini", "underwear", "pyjamas", "pajamas",
    "slippers",
    "鞋", "鞋子", "西装", "帽子", "围巾",
})
# ... with what else tells "I have a navy suit" or "my bag" describes what is owned.
OWNED_GARMENTS: frozenset[str] = UNLISTED_GARMENTS | {"bag", "outfit", "包"}

# Bare words that never name these slots on their own: "a short dress" has no sleeve.
BLOCKED_TERMS: frozenset[tuple[str, str]] = frozenset({
    ("sleeve", "short"), ("sleeve", "long"), ("category", "short"), ("sleeve", "tank"),
    ("gender", "kids"), ("gender", "kid"),   # "I have 2 kids" is not a request for kids' clothes
})

# Category words that describe rather than name the garment ("midi skirt", "dress trousers").
WEAK_CATEGORY_TERMS: frozenset[str] = frozenset({
    "midi", "maxi", "top", "tops", "knit", "tank", "oxford", "上衣", "裙",
})

# Phrases containing an attribute word that are not about clothes.
FALSE_FRIENDS: tuple[str, ...] = (
    "black friday", "cyber monday", "green day", "pink floyd", "feeling blue", "feel blue",
    "feels blue", "felt blue", "the blues", "out of the blue", "once in a blue moon",
    "red carpet", "red flag", "red eye", "in the red", "in the black", "green light",
    "white lie", "grey area", "gray area", "black sabbath", "red hot",
    "rolling stones", "orange is the new black", "yellow pages", "blue jays", "red sox",
    "white house", "black mirror", "green with envy", "tickled pink", "silver lining",
    "red wine", "white wine", "joined the navy", "join the navy", "joining the navy", "in the navy",
    "navy seal", "navy seals", "black tie", "black-tie", "white tie", "white-tie",
    "check if", "check whether", "check out", "check for", "check on", "check again", "double check",
    "can you check", "could you check", "please check", "let me check",
    "黑五", "黑色星期五", "红包", "网红", "明白", "麻烦", "花钱", "花了", "皮肤", "粉丝", "白天",
    "黄金", "红酒", "白酒", "不白", "白跑",
)

# Values that are also verbs, and the words that make them one when said right before: a garment
# ("would it work with heels?", "do they run small?", "will the first one work?", "does it suit me?").
# So are they after a modal ("which of these would suit a wedding?", "what would work for the office?"), and,
# said in any form, right before a person ("which of these suits me?", "it suits her"). After anything else
# they keep their value ("for work", "something to run in", "with a suit").
VERB_SENSES: frozenset[str] = frozenset({"work", "run", "swim", "suit"})
VERB_SUBJECTS: frozenset[str] = frozenset({"it", "this", "that", "they", "these", "those", "one", "ones",
                                           "would", "will", "could", "might", "should", "can", "may", "must"})
VERB_OBJECTS: frozenset[str] = frozenset({"me", "you", "him", "her", "us", "them"})

# Cue words worth correcting typos towards (besides the vocabulary).
CUE_WORDS: frozenset[str] = frozenset({
    "cheaper", "nothing", "sleeve", "sleeves", "compare", "medium", "large", "small",
    "without", "looking", "something", "anything", "expensive", "pricier", "another",
    "please", "basket", "thanks", "cancel", "instead",
})

# Frequent English words a typo corrector must never "fix" (sick -> silk, fine -> wine).
COMMON_WORDS: frozenset[str] = frozenset("""
a about above across actually again ahead already alright anyway anytime
appreciate arrive around aside asked attach attached avoid awful baby became become bigger birthday
black blue bright brown budget buying cancel chart cheaper cheapest choice clear color colour colours
comfortable company concert cover crazy current dark deal deals delivery dinner does done double dress
dressy drop early either elegant enjoy event evening exact extra fancy fashion favorite favourite fast
feet fresh friendly full funny girl glad gonna guys hand hang happen heavy hello hiii honestly hours
image items jeans kinda large later light looks lovely mean medium mine minute model modern money
mostly move music nothing ones outfit over pack page pants photo pick picture please pocket pockets
pretty print probably quality quick rain really reset return same scratch season second selfie shall
shipping shoes short show shown size small smaller someone sometimes sorry sounds special spring
stars start started starting stay stock style sweet tall team than thanks thing tonight total totally
travel trip under upload wanna warmer weather wedding which white whole wife window wish women wonder
 add added adding after again against ago all almost also although always am an
and another any anymore anyone anything anyway anywhere are around as ask at away back bad bag be because
been before being below best better between big bit both bought box bring but buy by call came can cant
care case cause change cheap check cheers children choose clean close clothes cold come comes comfy cool cost
could couple cute day days dear did didnt different do does doesnt doing done dont down each easy eat
eating either else end enough even ever every everything exactly fall feel feeling feels felt few fine
find first fit fits five for found four free friday friend friends from front fun get gets getting gift
give go goes going gone good got great guess had half happy hard has have having he hear help her here
hers hey high him his hold home hope hot how however huge idea if in into is it its just keep kids kind
know last late later least leave left less let like likes line little live long look looking looks lot
lots love lovely made make makes man many match may maybe me mean meet might mind mine miss month more
most much must my myself name need needs never new next nice night no none nope nor not nothing now of off
often oh ok okay old on once one ones only open or order other others our out over own pair pairs part
party people perfect pick piece place plan plans play please pls plus point pretty price put quite rather
ready real really right said same save saw say says see seen sell send set she shop should show sick
side since size sizes so soft some something soon sort still stop store stuff such suit summer sure sweat
take tell than thank thanks that the their them then there these they thing things think this those though
thought three through tho till time tiny to today together told too took top total touch tried true try
trying two under until up us use used very wait want wanted wants warm was wash way we wear wearing week
weeks well went were what when where which while who whole why will winter wish with without won wont
work works worn would wow yeah year years yes yet you your yours
""".split())

# Relations that say who the garment is for ("for my boyfriend", "给我女朋友").
RELATION_GENDER: dict[str, str] = {
    "boyfriend": "men", "husband": "men", "hubby": "men", "dad": "men", "father": "men",
    "brother": "men", "son": "men", "grandpa": "men", "grandfather": "men", "uncle": "men",
    "nephew": "men", "bf": "men", "fiance": "men", "him": "men", "boy": "men", "man": "men",
    "girlfriend": "women", "wife": "women", "mum": "women", "mom": "women", "mother": "women",
    "sister": "women", "daughter": "women", "grandma": "women", "grandmother": "women",
    "aunt": "women", "niece": "women", "gf": "women", "fiancee": "women", "her": "women",
    "girl": "women", "woman": "women",
    "男朋友": "men", "老公": "men", "爸爸": "men", "爸": "men", "哥哥": "men", "弟弟": "men",
    "儿子": "men", "老爸": "men", "男友": "men",
    "女朋友": "women", "老婆": "women", "妈妈": "women", "妈": "women", "姐姐": "women",
    "妹妹": "women", "女儿": "women", "老妈": "women", "女友": "women",
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "final": -1,
}
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9,
}
CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "万": 10000}
