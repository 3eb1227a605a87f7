"""The canonical attribute vocabulary shared by the catalog, the assistant and try-on.

Every attribute value that crosses a module boundary is one of these lower-case
words (sizes are upper case). Catalogs may add values a slot lacks (shoes, bags,
"mustard"); the synonym tables map what shoppers and shops write onto the
canonical words, in English and Chinese.
"""

from __future__ import annotations

import re
import unicodedata

CATEGORIES: tuple[str, ...] = (
    "t-shirt", "shirt", "blouse", "polo", "sweater", "hoodie", "cardigan", "jacket",
    "coat", "blazer", "dress", "skirt", "trousers", "jeans", "shorts", "jumpsuit",
)
COLORS: tuple[str, ...] = (
    "black", "white", "grey", "navy", "blue", "red", "burgundy", "pink", "orange",
    "yellow", "green", "olive", "beige", "brown", "purple", "teal",
)
SIZES: tuple[str, ...] = ("XS", "S", "M", "L", "XL", "XXL")
FITS: tuple[str, ...] = ("slim", "regular", "relaxed", "oversized")
MATERIALS: tuple[str, ...] = (
    "cotton", "linen", "wool", "denim", "leather", "silk", "polyester", "cashmere", "fleece",
)
PATTERNS: tuple[str, ...] = ("solid", "striped", "checked", "floral", "polka-dot", "graphic")
SLEEVES: tuple[str, ...] = ("short", "long", "sleeveless")
STYLES: tuple[str, ...] = (
    "casual", "formal", "sporty", "elegant", "streetwear", "vintage", "minimalist", "bohemian",
)
OCCASIONS: tuple[str, ...] = (
    "everyday", "work", "wedding", "party", "sport", "beach", "travel", "date",
)
GENDERS: tuple[str, ...] = ("men", "women", "unisex")
# Children's audiences and the gender each is filed under: "for boys" asks for boys' clothes, never men's.
CHILD_AUDIENCES: dict[str, str] = {"boys": "men", "girls": "women", "kids": "unisex"}
AUDIENCES: tuple[str, ...] = (*GENDERS, *CHILD_AUDIENCES)
# Who else a request for an audience is served by: unisex clothes fit men and women; kids' clothes fit boys and girls.
AUDIENCE_ALSO: dict[str, tuple[str, ...]] = {
    "men": ("unisex",), "women": ("unisex",), "boys": ("kids",), "girls": ("kids",), "kids": ("boys", "girls"),
}

from garment_kinds import GARMENT_TYPES, GarmentType  # noqa: E402  (shared with tryon/, which never imports catalog)

# Broad words: the categories each covers, and the one that stands in (for try-on and size
# charts) for a garment known only to belong to the group, such as a shop's "Tops" or "Kurtas".
CATEGORY_GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "tops": (tuple(c for c, kind in GARMENT_TYPES.items() if kind == "upper"), "t-shirt"),
    "bottoms": (("trousers", "jeans", "shorts", "skirt"), "trousers"),
    "outerwear": (("jacket", "coat", "blazer"), "jacket"),
}
# Fine types: kinds of garment a shop may sell under their own name, each related to the
# canonical category (or broad group) that try-on and broad queries use, with the other
# words (English and Chinese) that name the same kind. Plurals are found by `inflections`.
FINE_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "sweatshirt": ("sweater", ("crewneck sweatshirt",)),
    "turtleneck": ("sweater", ("roll neck", "高领毛衣")),
    "tank top": ("t-shirt", ("背心",)),
    "henley": ("t-shirt", ()),
    "crop top": ("t-shirt", ()),
    "overshirt": ("shirt", ()),
    "bomber": ("jacket", ("bomber jacket",)),
    "windbreaker": ("jacket", ("windcheater",)),
    "puffer": ("jacket", ("puffer jacket",)),
    "anorak": ("jacket", ()),
    "parka": ("coat", ()),
    "trench coat": ("coat", ("trench",)),
    "overcoat": ("coat", ()),
    "raincoat": ("coat", ()),
    "sundress": ("dress", ()),
    "gown": ("dress", ()),
    "track pants": ("trousers", ("trackpants", "运动裤")),
    "joggers": ("trousers", ("jogger pants", "jogging pants")),
    "sweatpants": ("trousers", ("卫裤",)),
    "leggings": ("trousers", ("打底裤",)),
    "chinos": ("trousers", ()),
    "cargo pants": ("trousers", ("cargo trousers", "工装裤")),
    "culottes": ("trousers", ()),
    "jeggings": ("jeans", ()),
    "bermudas": ("shorts", ("bermuda shorts",)),
    "skort": ("skirt", ()),
    "romper": ("jumpsuit", ("playsuit",)),
    "dungarees": ("jumpsuit", ("overalls",)),
}

# Attribute slots: name -> (canonical values, whether a product/request may hold several).
SLOT_VALUES: dict[str, tuple[str, ...]] = {
    "category": (*CATEGORIES, *CATEGORY_GROUPS),
    "color": COLORS,
    "size": SIZES,
    "fit": FITS,
    "material": MATERIALS,
    "pattern": PATTERNS,
    "sleeve": SLEEVES,
    "style": STYLES,
    "occasion": OCCASIONS,
    "gender": AUDIENCES,
}
LIST_SLOTS: frozenset[str] = frozenset({"color", "material", "pattern", "style", "occasion"})

# sRGB of each colour as a product photo shows it; used to draw demo garments and to
# judge colour fidelity of try-on renders.
COLOR_RGB: dict[str, tuple[int, int, int]] = {
    "black": (28, 28, 30),
    "white": (242, 242, 238),
    "grey": (138, 140, 142),
    "navy": (30, 42, 84),
    "blue": (52, 104, 196),
    "red": (192, 32, 40),
    "burgundy": (118, 26, 48),
    "pink": (236, 150, 178),
    "orange": (236, 124, 36),
    "yellow": (240, 204, 56),
    "green": (40, 140, 72),
    "olive": (110, 112, 52),
    "beige": (214, 194, 158),
    "brown": (110, 72, 44),
    "purple": (112, 60, 150),
    "teal": (24, 128, 128),
}

# What people and shops write -> canonical value, per slot. Keys are normalised with
# `normalize_text`. Canonical values map to themselves implicitly.
SYNONYMS: dict[str, dict[str, str]] = {
    "category": {
        "tee": "t-shirt", "tees": "t-shirt", "tshirt": "t-shirt", "tshirts": "t-shirt",
        "t shirt": "t-shirt", "t-shirts": "t-shirt", "t shirts": "t-shirt", "tank": "t-shirt",
        "top": "tops", "outer wear": "outerwear",
        "shirts": "shirt", "button-down": "shirt", "button down": "shirt", "oxford": "shirt",
        "blouses": "blouse",
        "polos": "polo", "polo shirt": "polo", "polo shirts": "polo", "polo tshirts": "polo",
        "sweaters": "sweater", "jumper": "sweater", "jumpers": "sweater",
        "pullover": "sweater", "knit": "sweater",
        "hoodies": "hoodie", "hoody": "hoodie", "hooded sweatshirt": "hoodie",
        "cardigans": "cardigan", "cardi": "cardigan",
        "jackets": "jacket", "rain jacket": "jacket",
        "coats": "coat",
        "blazers": "blazer", "suit jacket": "blazer", "sport coat": "blazer",
        "dresses": "dress", "midi": "dress", "maxi": "dress",
        "skirts": "skirt",
        "pants": "trousers", "pant": "trousers", "trouser": "trousers", "slacks": "trousers",
        "jean": "jeans", "denims": "jeans",
        "short": "shorts",
        "jumpsuits": "jumpsuit",
        "t恤": "t-shirt", "短袖t恤": "t-shirt", "体恤": "t-shirt", "衬衫": "shirt", "衬衣": "shirt",
        "女衬衫": "blouse", "雪纺衫": "blouse", "polo衫": "polo", "保罗衫": "polo",
        "毛衣": "sweater", "针织衫": "sweater", "卫衣": "hoodie", "连帽衫": "hoodie",
        "开衫": "cardigan", "夹克": "jacket", "外套": "jacket", "大衣": "coat",
        "风衣": "coat", "西装外套": "blazer", "西装": "blazer", "西服": "blazer",
        "连衣裙": "dress", "裙子": "dress", "半身裙": "skirt", "短裙": "skirt",
        "长裤": "trousers", "裤子": "trousers", "西裤": "trousers", "牛仔裤": "jeans",
        "短裤": "shorts", "连体裤": "jumpsuit", "连身裤": "jumpsuit",
        "上衣": "tops", "下装": "bottoms", "外衣": "outerwear",
    },
    "color": {
        "navy blue": "navy", "dark blue": "navy", "midnight blue": "navy",
        "gray": "grey", "charcoal": "grey", "silver": "grey", "heather grey": "grey",
        "light grey": "grey", "dark grey": "grey", "grey melange": "grey",
        "light blue": "blue", "sky blue": "blue", "royal blue": "blue", "cobalt": "blue",
        "denim blue": "blue", "turquoise blue": "teal",
        "maroon": "burgundy", "wine": "burgundy", "oxblood": "burgundy", "bordeaux": "burgundy",
        "claret": "burgundy",
        "khaki": "beige", "tan": "beige", "camel": "beige", "cream": "beige", "sand": "beige",
        "nude": "beige", "stone": "beige", "off white": "white", "off-white": "white",
        "ivory": "white",
        "coffee brown": "brown", "chocolate": "brown", "mocha": "brown", "rust": "orange",
        "coral": "orange", "peach": "orange", "mustard": "yellow", "gold": "yellow",
        "lime green": "green", "sea green": "green", "fluorescent green": "green",
        "emerald": "green", "mint": "green", "forest green": "green",
        "khaki green": "olive", "army green": "olive",
        "lavender": "purple", "violet": "purple", "lilac": "purple", "mauve": "purple",
        "magenta": "pink", "rose": "pink", "fuchsia": "pink", "blush": "pink",
        "turquoise": "teal", "aqua": "teal", "petrol": "teal",
        "黑色": "black", "黑": "black", "白色": "white", "白": "white",
        "灰色": "grey", "灰": "grey", "藏青色": "navy", "藏青": "navy", "藏蓝": "navy",
        "深蓝色": "navy", "深蓝": "navy", "海军蓝": "navy", "蓝色": "blue", "蓝": "blue",
        "红色": "red", "红": "red", "酒红色": "burgundy", "酒红": "burgundy", "枣红": "burgundy",
        "粉色": "pink", "粉红色": "pink", "粉红": "pink", "粉": "pink",
        "橙色": "orange", "橘色": "orange", "橙": "orange", "黄色": "yellow", "黄": "yellow",
        "绿色": "green", "绿": "green", "橄榄绿": "olive", "橄榄色": "olive", "军绿色": "olive",
        "米色": "beige", "卡其色": "beige", "驼色": "beige", "杏色": "beige",
        "棕色": "brown", "咖啡色": "brown", "褐色": "brown", "棕": "brown",
        "紫色": "purple", "紫": "purple", "青色": "teal", "蓝绿色": "teal", "墨绿色": "teal",
    },
    "size": {
        "extra small": "XS", "x-small": "XS", "xsmall": "XS", "small": "S",
        "medium": "M", "med": "M", "large": "L", "extra large": "XL", "x-large": "XL",
        "xlarge": "XL", "xx-large": "XXL", "xxlarge": "XXL", "2xl": "XXL", "xxl": "XXL",
        "xs": "XS", "s": "S", "m": "M", "l": "L", "xl": "XL",
        "加大": "XL", "加加大": "XXL", "小号": "S", "中号": "M", "大号": "L",
    },
    "fit": {
        "slim fit": "slim", "slim-fit": "slim", "skinny": "slim", "tight": "slim",
        "fitted": "slim", "tailored": "slim", "bodycon": "slim",
        "regular fit": "regular", "classic fit": "regular", "standard fit": "regular",
        "straight": "regular",
        "relaxed fit": "relaxed", "loose": "relaxed", "baggy": "relaxed", "loose fit": "relaxed",
        "wide leg": "relaxed", "wide-leg": "relaxed", "comfort fit": "relaxed",
        "oversize": "oversized", "over-sized": "oversized", "boxy": "oversized",
        "修身": "slim", "紧身": "slim", "常规": "regular", "宽松": "relaxed", "休闲版型": "relaxed",
        "落肩": "oversized", "廓形": "oversized",
    },
    "material": {
        "cotton blend": "cotton", "organic cotton": "cotton", "pima": "cotton", "jersey": "cotton",
        "twill": "cotton", "poplin": "cotton", "chambray": "cotton",
        "merino": "wool", "lambswool": "wool", "tweed": "wool", "woollen": "wool", "woolen": "wool",
        "flannel": "wool",
        "jean": "denim", "faux leather": "leather", "suede": "leather", "vegan leather": "leather",
        "satin": "silk", "chiffon": "polyester", "poly": "polyester", "nylon": "polyester",
        "synthetic": "polyester", "spandex": "polyester", "elastane": "polyester",
        "microfleece": "fleece", "sherpa": "fleece",
        "棉": "cotton", "纯棉": "cotton", "全棉": "cotton", "棉质": "cotton", "亚麻": "linen",
        "麻": "linen", "羊毛": "wool", "毛呢": "wool", "牛仔": "denim", "皮": "leather",
        "真皮": "leather", "皮革": "leather", "丝绸": "silk", "真丝": "silk", "聚酯纤维": "polyester",
        "涤纶": "polyester", "羊绒": "cashmere", "抓绒": "fleece", "摇粒绒": "fleece",
    },
    "pattern": {
        "plain": "solid", "block": "solid", "solids": "solid", "stripe": "striped",
        "stripes": "striped", "stripy": "striped", "pinstripe": "striped", "pinstriped": "striped",
        "check": "checked", "checks": "checked", "checkered": "checked", "plaid": "checked",
        "tartan": "checked", "gingham": "checked", "flannel check": "checked",
        "flower": "floral", "flowers": "floral", "flowery": "floral", "botanical": "floral",
        "polka dot": "polka-dot", "polka dots": "polka-dot", "polka-dots": "polka-dot",
        "dotted": "polka-dot", "dots": "polka-dot", "spotted": "polka-dot",
        "print": "graphic", "printed": "graphic", "logo": "graphic", "graphic print": "graphic",
        "纯色": "solid", "素色": "solid", "条纹": "striped", "格子": "checked", "格纹": "checked",
        "碎花": "floral", "印花": "floral", "花": "floral", "波点": "polka-dot", "圆点": "polka-dot",
        "图案": "graphic", "字母": "graphic",
    },
    "sleeve": {
        "short sleeve": "short", "short sleeves": "short", "short-sleeve": "short",
        "short-sleeved": "short", "long sleeve": "long", "long sleeves": "long",
        "long-sleeve": "long", "long-sleeved": "long", "full sleeve": "long",
        "sleeveless": "sleeveless", "no sleeves": "sleeveless", "strapless": "sleeveless",
        "tank": "sleeveless", "短袖": "short", "长袖": "long", "无袖": "sleeveless",
    },
    "style": {
        "smart casual": "casual", "relaxed style": "casual", "laid-back": "casual",
        "dressy": "formal", "office wear": "formal", "business": "formal", "smart": "formal",
        "athletic": "sporty", "sports": "sporty", "gym": "sporty", "athleisure": "sporty",
        "chic": "elegant", "classy": "elegant", "sophisticated": "elegant",
        "street": "streetwear", "urban": "streetwear", "skater": "streetwear",
        "retro": "vintage", "classic": "vintage", "old-school": "vintage",
        "minimal": "minimalist", "clean": "minimalist", "simple": "minimalist",
        "boho": "bohemian", "hippie": "bohemian",
        "休闲": "casual", "正式": "formal", "运动": "sporty", "优雅": "elegant",
        "街头": "streetwear", "街头风": "streetwear", "复古": "vintage", "简约": "minimalist",
        "波西米亚": "bohemian",
    },
    "occasion": {
        "daily": "everyday", "every day": "everyday", "casual wear": "everyday",
        "office": "work", "business": "work", "meeting": "work", "interview": "work",
        "weddings": "wedding", "wedding guest": "wedding", "getting married": "wedding",
        "party": "party", "parties": "party", "cocktail": "party", "night out": "party",
        "clubbing": "party", "gym": "sport", "running": "sport", "golf": "sport",
        "tennis": "sport", "workout": "sport", "hiking": "sport",
        "holiday": "beach", "vacation": "beach", "pool": "beach", "seaside": "beach",
        "trip": "travel", "travelling": "travel", "traveling": "travel", "flight": "travel",
        "date night": "date", "dinner date": "date",
        "日常": "everyday", "上班": "work", "通勤": "work", "办公室": "work", "婚礼": "wedding",
        "派对": "party", "聚会": "party", "运动": "sport", "健身": "sport", "海边": "beach",
        "沙滩": "beach", "度假": "beach", "旅行": "travel", "旅游": "travel", "约会": "date",
    },
    "gender": {
        "man": "men", "mens": "men", "men's": "men", "male": "men", "guy": "men", "guys": "men",
        "gents": "men", "for him": "men",
        "woman": "women", "womens": "women", "women's": "women", "female": "women",
        "ladies": "women", "lady": "women", "for her": "women",
        "unisex": "unisex", "gender neutral": "unisex", "gender-neutral": "unisex",
        "boy's": "boys", "girl's": "girls", "kid's": "kids", "children's": "kids",
        "男": "men", "男士": "men", "男款": "men", "男装": "men", "女": "women", "女士": "women",
        "女款": "women", "女装": "women", "中性": "unisex",
        "男童": "boys", "男孩": "boys", "女童": "girls", "女孩": "girls", "童装": "kids", "儿童": "kids",
    },
}

# What shops write in their exports (German, French, Spanish, Italian and taxonomy
# English), read only by catalog ingest. Kept apart from SYNONYMS, which also drives what
# shoppers' messages mean: "rock", "robe", "hose" or "gilet" say something else to an
# English-speaking shopper than to a German or French catalog.
SHOP_SYNONYMS: dict[str, dict[str, str]] = {
    "category": {
        "knitwear": "sweater", "topwear": "tops", "shirts & tops": "tops", "bottomwear": "bottoms",
        "coats & jackets": "outerwear",
        "hemd": "shirt", "hemden": "shirt", "oberteil": "tops", "oberteile": "tops", "bluse": "blouse",
        "blusen": "blouse", "poloshirt": "polo", "poloshirts": "polo", "pulli": "sweater", "strickpullover": "sweater",
        "kapuzenpullover": "hoodie", "strickjacke": "cardigan", "strickjacken": "cardigan", "jacke": "jacket",
        "jacken": "jacket", "mantel": "coat", "mäntel": "coat", "sakko": "blazer", "sakkos": "blazer",
        "kleid": "dress", "kleider": "dress", "rock": "skirt", "röcke": "skirt", "hose": "trousers",
        "hosen": "trousers", "kurze hose": "shorts", "overall": "jumpsuit",
        "chemise": "shirt", "chemises": "shirt", "chemisier": "blouse", "chemisiers": "blouse", "pull": "sweater",
        "pulls": "sweater", "sweat à capuche": "hoodie", "gilet": "cardigan", "gilets": "cardigan",
        "veste": "jacket", "vestes": "jacket", "manteau": "coat", "manteaux": "coat", "robe": "dress",
        "robes": "dress", "jupe": "skirt", "jupes": "skirt", "pantalon": "trousers", "pantalons": "trousers",
        "combinaison": "jumpsuit", "combinaisons": "jumpsuit",
        "camisa": "shirt", "camisas": "shirt", "camiseta": "t-shirt", "camisetas": "t-shirt", "blusa": "blouse",
        "blusas": "blouse", "jersey": "sweater", "jerséis": "sweater", "suéter": "sweater", "sudadera": "sweater",
        "sudadera con capucha": "hoodie", "chaqueta": "jacket", "chaquetas": "jacket", "abrigo": "coat",
        "abrigos": "coat", "vestido": "dress", "vestidos": "dress", "falda": "skirt", "faldas": "skirt",
        "pantalón": "trousers", "pantalones": "trousers", "vaqueros": "jeans", "pantalones cortos": "shorts",
        "mono": "jumpsuit", "camicia": "shirt", "maglione": "sweater", "giacca": "jacket", "cappotto": "coat",
        "gonna": "skirt", "pantaloni": "trousers",
    },
    "color": {
        "schwarz": "black", "weiß": "white", "weiss": "white", "grau": "grey", "marineblau": "navy",
        "marine": "navy", "dunkelblau": "navy", "blau": "blue", "hellblau": "blue", "rot": "red",
        "weinrot": "burgundy", "rosa": "pink", "gelb": "yellow", "senfgelb": "yellow", "grün": "green",
        "gruen": "green", "olivgrün": "olive", "oliv": "olive", "braun": "brown", "lila": "purple",
        "violett": "purple", "türkis": "teal", "creme": "beige",
        "noir": "black", "blanc": "white", "gris": "grey", "bleu marine": "navy", "bleu": "blue",
        "bleu ciel": "blue", "rouge": "red", "jaune": "yellow", "vert": "green", "kaki": "beige",
        "marron": "brown", "brun": "brown", "écru": "white", "crème": "beige",
        "negro": "black", "blanco": "white", "azul marino": "navy", "marino": "navy", "azul": "blue",
        "celeste": "blue", "rojo": "red", "burdeos": "burgundy", "granate": "burgundy", "naranja": "orange",
        "amarillo": "yellow", "verde": "green", "oliva": "olive", "verde oliva": "olive", "beis": "beige",
        "marrón": "brown", "morado": "purple", "turquesa": "teal",
        "nero": "black", "bianco": "white", "grigio": "grey", "blu": "blue", "rosso": "red", "giallo": "yellow",
    },
    "material": {
        "baumwolle": "cotton", "leinen": "linen", "wolle": "wool", "merinowolle": "wool", "seide": "silk",
        "leder": "leather", "kaschmir": "cashmere", "coton": "cotton", "lin": "linen", "laine": "wool",
        "soie": "silk", "cuir": "leather", "cachemire": "cashmere", "algodón": "cotton", "lino": "linen",
        "lana": "wool", "seda": "silk", "cuero": "leather", "cachemira": "cashmere",
    },
    "pattern": {
        "gestreift": "striped", "kariert": "checked", "geblümt": "floral", "uni": "solid", "einfarbig": "solid",
        "rayé": "striped", "à carreaux": "checked", "fleuri": "floral", "a rayas": "striped",
        "de cuadros": "checked", "liso": "solid",
    },
    "gender": {
        "herren": "men", "damen": "women", "männer": "men", "frauen": "women", "homme": "men", "hommes": "men",
        "femme": "women", "femmes": "women", "hombre": "men", "hombres": "men", "mujer": "women",
        "mujeres": "women", "uomo": "men", "donna": "women", "kids": "kids", "kid": "kids", "children": "kids",
        "child": "kids", "baby": "kids", "toddler": "kids", "infant": "kids", "newborn": "kids", "jungen": "boys", "mädchen": "girls", "kinder": "kids", "garçon": "boys",
        "fille": "girls", "enfant": "kids", "enfants": "kids", "niño": "boys", "niña": "girls", "niños": "kids",
    },
    "sleeve": {
        "kurzarm": "short", "langarm": "long", "ärmellos": "sleeveless", "manches courtes": "short",
        "manches longues": "long", "sans manches": "sleeveless", "manga corta": "short", "manga larga": "long",
        "sin mangas": "sleeveless",
    },
}

_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Lower-case, NFKC-fold (full-width digits and letters) and collapse white space."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub(" ", folded.replace("_", " ")).strip()


def canonical_value(slot: str, raw: str) -> str | None:
    """Map a shop's or shopper's word onto the canonical value of `slot`, or None."""
    key = normalize_text(raw)
    if not key:
        return None
    if slot == "size":
        return SIZES[SIZES.index(key.upper())] if key.upper() in SIZES else SYNONYMS["size"].get(key)
    values = SLOT_VALUES.get(slot, ())
    if key in values:
        return key
    return SYNONYMS.get(slot, {}).get(key)


def inflections(word: str) -> set[str]:
    """A word and its obvious singular/plural, so "shoe" finds "shoes" and "parkas" a "parka"."""
    forms = {word}
    if _CJK.search(word):
        return forms
    if word.endswith("es") and len(word) > 4:
        forms.add(word[:-2])
    if word.endswith("s") and len(word) > 3:
        forms.add(word[:-1])
    else:
        forms.add(word + "s")
    return forms


def fine_type(word: str) -> str | None:
    """The fine type a shop's or shopper's word names ("Track Pants", "parkas", "运动裤"), or None."""
    key = normalize_text(word)
    return next((_FINE_TYPE_WORDS[form] for form in sorted(inflections(key), key=len, reverse=True)
                 if form in _FINE_TYPE_WORDS), None)


def stand_in(value: str) -> str:
    """The canonical category for a category value: itself, a fine type's relation, a group's stand-in."""
    value = FINE_TYPES[value][0] if value in FINE_TYPES else value
    return CATEGORY_GROUPS[value][1] if value in CATEGORY_GROUPS else value


def garment_type(category: str) -> GarmentType:
    """Which body region a category (or fine type, or broad word) covers; shop-only categories are not try-on-able."""
    return GARMENT_TYPES.get(stand_in(category), "none")


_CJK = re.compile(r"[\u3400-\u9fff]")
_FINE_TYPE_WORDS: dict[str, str] = {
    normalize_text(term): name for name, (_, words) in FINE_TYPES.items() for term in (name, *words)
}
