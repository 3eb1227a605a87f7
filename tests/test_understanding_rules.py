"""The understanding pipeline on many phrasings: the values it reads (`stated`, whatever the act), negation scope,
prices, sizes, references; and the acts of clear commands."""

from __future__ import annotations

import pytest

from assistant.slots import SearchRequest
from assistant.understanding import Understander
from assistant.understanding.lexicon import Lexicon
from assistant.understanding.context import Context

UNDERSTANDER = Understander(Lexicon.build())
SHOWN = Context(request=SearchRequest(category="dress"), shown_count=6)


def understand(text: str, ctx: Context | None = None, image: str | None = None):
    return UNDERSTANDER.understand(text, ctx or Context(), image)


@pytest.mark.parametrize("text, slot, values", [
    ("navy linen shirt", "color", ("navy",)),
    ("lookin for a black leather jakcet", "category", ("jacket",)),
    ("casual red plaid shrit", "category", ("shirt",)),
    ("a gray tee", "color", ("grey",)),
    ("灰色的卫衣", "color", ("grey",)),
    ("T恤", "category", ("t-shirt",)),
    ("any violet tee shirts?", "category", ("t-shirt",)),   # was read as shirts
    ("any t-shirts with half sleeves?", "sleeve", ("short",)),   # was read as long sleeves
    ("a half-length sleeve blouse", "sleeve", ("short",)),
    ("a blouse with cap sleeves", "sleeve", ("short",)),   # "sleeves" alone read long; a cap is no hat here
    ("a plain white tee-shirt", "category", ("t-shirt",)),
    ("想买裤子", "category", ("trousers",)),
    ("maroon cardigan", "color", ("burgundy",)),
    ("khaki chinos", "color", ("beige",)),
    ("baggy jeans", "fit", ("relaxed",)),
    ("tartan skirt", "pattern", ("checked",)),
    ("条纹衬衫", "pattern", ("striped",)),
    ("a colour-blocked t-shirt", "pattern", ("colour-block",)),
    ("color block windbreaker style jacket", "pattern", ("colour-block",)),
    ("two-tone polo", "pattern", ("colour-block",)),
    ("拼色T恤", "pattern", ("colour-block",)),
    ("it's light blue with small white flowers", "color", ("blue",)),
    ("navy dress with white polka dots", "color", ("navy",)),
    ("a black tee with a red logo", "color", ("black",)),
    ("浅蓝色的裙子带有一些白色碎花", "color", ("blue",)),
    ("navy dress with blue and white flowers", "color", ("navy",)),
    ("tops with white or floral designs", "color", ("white",)),
    ("a colour blocking jacket", "pattern", ("colour-block",)),
    ("blue shirt with white stripes", "color", ("blue", "white")),
    ("I really like this dark pink shirt with the white stripes", "pattern", ("striped",)),
    ("pleated midi skirt in olive green", "category", ("skirt",)),
    ("pleated midi skirt in olive green", "color", ("olive",)),
    ("men's black dress trousers", "category", ("trousers",)),
    ("a vintage denim jacket", "material", ("denim",)),
    ("burgandy velvet dress", "color", ("burgundy",)),
    ("short sleve shirt", "sleeve", ("short",)),
    ("sweater for my boyfriend", "gender", ("men",)),
    ("给我女朋友买件连衣裙", "gender", ("women",)),
    ("gym shorts", "occasion", ("sport",)),
    ("joggers", "category", ("trousers",)),
    ("streetwear hoodie 街头风", "style", ("streetwear",)),
])
def test_slot_values(text, slot, values):
    assert understand(text).stated.values.get(slot) == values


@pytest.mark.parametrize("text, absent", [
    ("any black friday deals on coats?", "color"),
    ("black hoodie for a Green Day concert", None),
    ("I'm feeling blue, show me a red dress", None),
    ("a short red party dress", "sleeve"),
    ("long camel coat", "sleeve"),
    ("sick, buy it", "material"),
    ("that's fine", "color"),
    ("let's start from scratch", "style"),
    ("can you find me a dress that would suit me", "category_blazer"),
])
def test_no_invented_values(text, absent):
    u = understand(text)
    values = u.stated.values
    if absent == "category_blazer":
        assert values.get("category") == ("dress",)
    elif absent:
        assert absent not in values
    if text.startswith("black hoodie"):
        assert values["color"] == ("black",)
    if text.startswith("I'm feeling blue"):
        assert values["color"] == ("red",)


@pytest.mark.parametrize("text, excluded, kept", [
    ("navy shirt, nothing slim-fit", {"fit": ("slim",)}, {"color": ("navy",)}),
    ("no polyester please, it makes me sweat", {"material": ("polyester",)}, {}),
    ("not sleeveless tho", {"sleeve": ("sleeveless",)}, {}),
    ("beige cardigan but nothin wool", {"material": ("wool",)}, {"color": ("beige",)}),
    ("不要 polyester", {"material": ("polyester",)}, {}),
    ("不要条纹的，要棉的", {"pattern": ("striped",)}, {"material": ("cotton",)}),
    ("anything but black, brown maybe?", {"color": ("black",)}, {"color": ("brown",)}),
    ("no purple actually, just orange", {"color": ("purple",)}, {"color": ("orange",)}),
    ("I don't want wool or polyester", {"material": ("wool", "polyester")}, {}),
    ("polyester-free dress", {"material": ("polyester",)}, {"category": ("dress",)}),
    ("no polka dots pls, black is ok too", {"pattern": ("polka-dot",)}, {"color": ("black",)}),
    ("something a bit less formal in navy", {"style": ("formal",)}, {"color": ("navy",)}),
])
def test_negation_scope(text, excluded, kept):
    changes = understand(text).stated
    assert changes.exclude == excluded
    for slot, values in kept.items():
        assert changes.values.get(slot) == values


def test_negation_does_not_cross_clause_or_owned_items():
    u = understand("I have these grey trousers I love but literally no shirts that go with them, need something for work")
    assert u.stated.values == {"category": ("shirt",), "occasion": ("work",)}
    assert u.stated.exclude == {}
    assert understand("not too expensive please").stated.is_empty()
    assert understand("不要太贵").stated.is_empty()


@pytest.mark.parametrize("text, low, high", [
    ("under $60", None, 60), ("50到100块之间", 50, 100), ("at least 150 dollars", 150, None),
    ("between 100 and 150", 100, 150), ("500以内", None, 500), ("$20-35", 20, 35),
    ("40 bucks or less", None, 40), ("不超过800", None, 800), ("1000块以上", 1000, None),
    ("nothing over 200", None, 200), ("三百以内", None, 300), ("below 200元", None, 200),
    ("up to 300", None, 300), ("cheaper than 40 pls", None, 40), ("30-50 range", 30, 50),
    ("jeans under 80 in black", None, 80), ("less than 60 in size M", None, 60),
    # hundreds as a price is said aloud: the hundreds' digit, then the rest
    ("a red party dress under one fifty", None, 150), ("under one-fifty dollars", None, 150),
    ("two ninety-nine max", None, 299),
])
def test_prices(text, low, high):
    changes = understand(text).stated
    assert (changes.min_price, changes.max_price) == (low, high)


@pytest.mark.parametrize("text", [
    "is the last one warm enough for -10?", "levi's 501s", "party in 3 weeks", "I have 2 kids",
    "2nd one, is it 100% cotton?", "my waist is 32 in", "jeans with a 30 in inseam", "can it arrive by two thirty",
])
def test_numbers_that_are_not_prices(text):
    changes = understand(text, SHOWN).stated
    assert changes.min_price is None and changes.max_price is None


@pytest.mark.parametrize("text, size", [
    ("size L", "L"), ("L码", "L"), ("medium please", "M"), ("size s then", "S"), ("XL", "XL"),
    ("gym shorts men's 2XL", "XXL"), ("要 S 码", "S"), ("中号", "M"), ("ok M it is", "M"),
    ("show me L polos", "L"), ("extra large", "XL"),
    # as a voice message is written: letter names, and "double" before them
    ("black jeans in size el", "L"), ("a hoodie, ex ess", "XS"), ("shirts in ex el please", "XL"),
    ("a hoodie in double extra large", "XXL"), ("a coat, double ex el", "XXL"), ("size em", "M"),
    ("jeans in size double x l", "XXL"), ("a shirt in x l", "XL"), ("size x s please", "XS"),
])
def test_sizes(text, size):
    assert understand(text).stated.values.get("size") == (size,)


@pytest.mark.parametrize("text", ["I'm looking for a shirt", "let's see", "I'll take a look", "what's new",
                                  "el paso jeans", "the em dash on the print", "an extra coat", "a 30 x 32 pair",
                                  "size x x x x l", "a coat, triple ex el"])
def test_letters_that_are_not_sizes(text):
    assert "size" not in understand(text).stated.values


@pytest.mark.parametrize("text, intent, refs", [
    ("tell me more about the second one", "details", (2,)),
    ("#3 in cart pls", "add_to_cart", (3,)),
    ("第一件是什么面料？", "details", (1,)),
    ("is the last one warm enough?", "advice", (-1,)),   # a judgement, answered from its facts
    ("compare the first two", "compare", (1, 2)),
    ("compare #2 and #4", "compare", (2, 4)),
    ("which is better for running, 2 or 5?", "compare", (2, 5)),
    ("第一件跟最后一件比哪个好看", "compare", (1, -1)),
    ("try the first one on me", "try_on", (1,)),
    ("第三件可以试穿吗", "try_on", (3,)),
    ("add number 2 to the cart", "add_to_cart", (2,)),
    ("add number two to the cart", "add_to_cart", (2,)),   # as a voice message is written
    ("tell me more about number four", "details", (4,)),
    ("I'll take the third one in S", "add_to_cart", (3,)),
    ("put the fourth in my cart", "add_to_cart", (4,)),
    ("does the 3rd pair have zip pockets?", "details", (3,)),
    ("option 2 looks nice, what's it made of?", "details", (2,)),
])
def test_references(text, intent, refs):
    u = understand(text, SHOWN)
    assert (u.intent, u.refs) == (intent, refs)


def test_pronouns_point_at_the_last_referenced_product():
    ctx = Context(request=SearchRequest(category="dress"), shown_count=6, last_ref=4, last_action="details")
    assert understand("can I see it on me?", ctx).refs == (4,)
    assert understand("omg yes. adding that one", ctx).intent == "add_to_cart"
    assert understand("omg yes. adding that one", ctx).refs == (4,)


def test_elliptical_reference_follows_the_last_action():
    try_ctx = Context(request=SearchRequest(category="coat"), shown_count=6, last_ref=2, last_action="try_on")
    assert understand("and #4?", try_ctx).intent == "try_on"
    compare_ctx = Context(request=SearchRequest(category="dress"), shown_count=6, last_ref=3, last_action="compare")
    assert understand("ok #3 then", compare_ctx).intent == "add_to_cart"


@pytest.mark.parametrize("text, refs", [
    ("tell me about the second", (2,)), ("compare the first and the second", (1, 2)),
    ("how much is the second?", (2,)), ("is the second in stock?", (2,)),
])
def test_the_second_at_the_end_of_a_phrase_is_a_position(text, refs):
    """"The second" ending a sentence was read as time ("wait a second") and asked which one was meant."""
    assert understand(text, SHOWN).refs == refs


@pytest.mark.parametrize("text", ["give me a second", "one second please", "is it second hand?"])
def test_a_second_of_time_or_wear_is_no_position(text):
    assert understand(text, SHOWN).refs == ()


@pytest.mark.parametrize("text", ["what about the fifth?", "and the sixth one?", "那第五件呢？"])
def test_a_bare_pointer_after_details_asks_for_details(text):
    """"What about the third" after a product's details was guessed as a try-on and asked about."""
    ctx = Context(request=SearchRequest(category="jacket"), shown_count=6, last_ref=2, last_action="details")
    assert understand(text, ctx).intent == "details"


@pytest.mark.parametrize("text", ["now jeans under 120", "ok, next I want a pair of shorts", "现在看看牛仔裤"])
def test_a_new_garment_asked_for_after_a_try_on_is_searched(text):
    """The try-on context taught "now with the second skirt" as another try-on; a request for another kind
    of garment, with nothing pointed at, was read as a guessed try-on of the first product."""
    try_ctx = Context(request=SearchRequest(category="t-shirt"), shown_count=6, last_ref=1, last_action="try_on")
    assert understand(text, try_ctx).intent == "search"


@pytest.mark.parametrize("text, intent", [
    ("hello!", "smalltalk"), ("谢谢", "smalltalk"), ("k thx, that's all for now", "smalltalk"),
    ("start over", "reset"), ("forget all that", "reset"), ("算了，重新来", "reset"), ("new search", "reset"),
    ("show me more", "more"), ("换一批", "more"), ("got any others?", "more"), ("next page pls", "more"),
    ("what's in my cart?", "view_cart"), ("ok what do I have in there now?", "view_cart"),
    ("看看购物车", "view_cart"), ("what size should I get if I'm 180cm and 75kg?", "size_help"),
    ("我175，70公斤，穿M还是L？", "size_help"), ("I'm 5'10 and 170 lbs, is L right for me?", "size_help"),
])
def test_intents_without_products(text, intent):
    assert understand(text, Context(request=SearchRequest(category="shirt"))).intent == intent


def test_search_versus_refine_depends_on_the_current_request():
    skirts = Context(request=SearchRequest(category="skirt"))
    assert understand("a red dress", Context()).intent == "search"
    assert understand("in red", skirts).intent == "refine"
    assert understand("a red dress", skirts).intent == "search"   # another garment: a new request


def test_reset_with_new_words_is_a_new_search():
    u = understand("start over, I want a yellow skirt", Context(request=SearchRequest(category="coat")))
    assert (u.intent, u.new_request, u.changes.values) == ("search", True, {"category": ("skirt",), "color": ("yellow",)})


def test_clearing_and_adding():
    ctx = Context(request=SearchRequest(category="skirt", color=("black",)))
    assert understand("actually any colour is fine", ctx).stated.clear == frozenset({"color"})
    assert understand("颜色无所谓", ctx).stated.clear == frozenset({"color"})
    assert understand("navy works too", ctx).stated.additive == frozenset({"color"})
    assert understand("cheaper?", ctx).stated.price_move == "lower"
    assert understand("show me pricier ones", ctx).stated.price_move == "higher"
    assert understand("a size up please", ctx).stated.size_move == 1


def test_measurements_are_converted():
    m = understand("I'm 5'10 and 170 lbs").measurements
    assert round(m.height_cm) == 178 and round(m.weight_kg) == 77
    m = understand("my waist is 28 inches and hips 94cm").measurements
    assert round(m.waist_cm) == 71 and m.hip_cm == 94


def test_catalog_values_are_recognised():
    shop = Understander(Lexicon.build({"category": {"shoes"}, "color": {"mustard"}}))
    values = shop.understand("mustard shoes please", Context()).stated.values
    assert values == {"category": ("shoes",), "color": ("mustard",)}


def test_image_turns_are_uploads():
    assert understand("", SHOWN, image="selfie").intent == "upload_photo"
    assert understand("here's me", SHOWN, image="selfie").intent == "upload_photo"


@pytest.mark.parametrize("text", [
    "have you got a jacket like this in navy?", "find her red dress", "do you have that coat in black?",
    "anything similar but cheaper?", "the skirt in the picture, in green", "一样的有红色吗",
    "is that available in green?", "do these come in a size L?", "那条裙子有黑色的吗",   # asking for a version of it
])
def test_words_with_a_selfie_that_point_at_what_is_worn_search_by_the_photo(text):
    assert understand(text, image="selfie").intent == "photo_search", text


@pytest.mark.parametrize("text", ["is this a good colour on me?", "is that ok for a wedding?", "这件适合我吗",
                                  "any knitwear that goes with this skirt?", "有配这条裤子的上衣吗"])
def test_words_with_a_selfie_asking_how_what_is_worn_looks_are_no_search(text):
    assert understand(text, image="selfie").intent == "upload_photo", text


@pytest.mark.parametrize("text", [
    "show me long-sleeved blouses", "a dress for her birthday, size S", "linen trousers for this summer",
    "shirts that are not see-through", "给我看看长袖衬衫",
    # a garment pointed at to be worn with the one asked for is not what is looked for
    "need a short blouse to wear with these trousers", "a belt to go with her dress",
])
def test_words_with_a_selfie_that_name_their_own_garment_keep_the_photo_then_search(text):
    turn = understand(text, image="selfie")
    assert turn.intent == "upload_photo" and turn.then is not None and turn.then.act in ("search", "refine"), text


@pytest.mark.parametrize("text, slot, wrong", [
    ("jeans in my price range please", "color", "orange"),      # "range" was corrected to "orange"
    ("I trust your taste, pick a shirt", "color", "orange"),    # "trust" to "rust"
    ("a stand collar jacket", "color", "beige"),                # "stand" to "sand"
    ("a dress with pointed sleeves", "pattern", "floral"),      # "pointed" to "printed"
])
def test_a_word_of_the_language_is_never_corrected_to_an_attribute(text, slot, wrong):
    assert wrong not in understand(text).stated.values.get(slot, ()), text


@pytest.mark.parametrize("text, slot, value", [
    ("a beige cardigan, nothin wool", "exclude", "wool"),       # a cue word's spoken form still reads as the cue
    ("lookin for a black leather jakcet", "category", "jacket"),
])
def test_typos_of_garment_and_cue_words_are_still_read(text, slot, value):
    stated = understand(text).stated
    found = stated.exclude.get("material", ()) if slot == "exclude" else stated.values.get(slot, ())
    assert value in found, (text, stated)
