"""Numbers in a message: price bounds (EN/ZH, currencies, ranges) and body measurements.

Both return the character spans they used, so the same "32" is never read twice (as a
waist and as a price). A number is a price only next to a price cue or a currency: "in 3
weeks", "-10 degrees" and "501s" are not budgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understanding.model import Measurements
from assistant.understanding.phrases import CN_DIGITS, CN_UNITS

_CN_NUM = "[零〇一二两三四五六七八九十百千万]+"
_EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_UNIT_WORD = "(?:" + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + ")"
_TENS_WORD = "(?:" + "|".join(_EN_TENS) + ")"
_TEEN_WORD = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_HUNDREDS_WORD = "(?:one|two|three|four|five|six|seven|eight|nine)"
# Spelled-out amounts from ten up ("fifty", "seventy-five", "a hundred and twenty"), and hundreds said as a
# price is said aloud, the hundreds' digit then the rest ("one fifty", "two twenty-five"); a bare
# "one" or "two" is far more often a count or a product than a price.
_EN_NUM = (
    rf"\b(?:(?:a|{_HUNDREDS_WORD})\s+hundred(?:\s+(?:and\s+)?"
    rf"(?:{_TENS_WORD}(?:[\s-]{_UNIT_WORD})?|{_UNIT_WORD}))?"
    rf"|{_HUNDREDS_WORD}[\s-]+(?:{_TENS_WORD}(?:[\s-]{_UNIT_WORD})?|{_TEEN_WORD})"
    rf"|{_TENS_WORD}(?:[\s-]{_UNIT_WORD})?|{_TEEN_WORD})\b"
)
_NUM = rf"(\d+(?:[.,]\d+)?(?:\s*k\b)?|{_CN_NUM}|{_EN_NUM})"
_CUR_PRE = r"(?:\$|us\$|usd|eur|gbp|rmb|cny|€|£|¥)"
_CUR_POST = r"(?:dollars?|bucks?|usd|eur(?:os?)?|quid|gbp|rmb|yuan|cny|元|块钱|块|刀|美元|欧元|英镑|€|£)"
_BODY_WORD = r"(?:chest|bust|waist|hips?|neck|inseam|height|tall|weigh|weight)"
# "in" after a number is inches only where no other word follows it or a body part does ("32 in waist"):
# in "under 80 in black" it starts what the garment is in.
_UNIT_AFTER = re.compile(
    rf"\s*(?:cm|mm|m\b|kg|kgs|kilos?|lbs?\b|pounds?|inch|inches|in\b(?!\s+(?!{_BODY_WORD})\w)|\"|'|ft\b|feet|foot|%|"
    r"weeks?|days?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|kids?|people|degrees?|°|x\b|pcs|pieces|"
    r"岁|公斤|千克|斤|厘米|公分|米|码|号|件|天|周|年|个|寸|度)"
)


def cn_number(text: str) -> int | None:
    """Chinese numerals to an int: 三百 -> 300, 一千五 -> 1500, 两百五十 -> 250."""
    total, section, digit, last_unit = 0, 0, None, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
            last_unit = unit
        else:
            return None
    if digit is not None:
        # "一千五" means 1500: a trailing digit is one unit below the last one.
        section += digit * (last_unit // 10 if last_unit and last_unit >= 100 else 1)
    value = total + section
    return value if value or text in ("零", "〇") else None


def en_number(text: str) -> int | None:
    """Spelled-out English numbers: "fifty" -> 50, "a hundred and twenty" -> 120, "seventy-five" -> 75, and
    hundreds said aloud as their digit then the rest: "one fifty" -> 150."""
    words = re.split(r"[\s-]+", text.strip())
    spoken_hundreds = len(words) > 1 and (words[1] in _EN_TENS or _EN_UNITS.get(words[1], 0) >= 10)
    if spoken_hundreds and 0 < _EN_UNITS.get(words[0], 0) < 10:
        rest = en_number(" ".join(words[1:]))
        return None if rest is None else 100 * _EN_UNITS[words[0]] + rest
    total = 0
    for word in words:
        if word in ("a", "and"):
            continue
        if word in _EN_UNITS:
            total += _EN_UNITS[word]
        elif word in _EN_TENS:
            total += _EN_TENS[word]
        elif word == "hundred":
            total = (total or 1) * 100
        else:
            return None
    return total or None


def parse_number(text: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(_EN_NUM, text):
        value = en_number(text)
        return float(value) if value is not None else None
    if re.fullmatch(_CN_NUM, text):
        value = cn_number(text)
        return float(value) if value is not None else None
    multiplier = 1.0
    if text.endswith("k"):
        multiplier, text = 1000.0, text[:-1].strip()
    if re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        text = text.replace(",", "")
    try:
        return float(text.replace(",", ".")) * multiplier
    except ValueError:
        return None


@dataclass(frozen=True)
class PriceFinding:
    min_price: float | None
    max_price: float | None
    spans: tuple[tuple[int, int], ...]


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def _unit_follows(text: str, end: int) -> bool:
    return bool(_UNIT_AFTER.match(text, end))


_RANGE_PATTERNS = (
    # between 100 and 150 / from $30 to $50
    re.compile(rf"\b(?:between|from)\s*{_CUR_PRE}?\s*{_NUM}\s*{_CUR_POST}?\s*(?:and|to|-|–|~)\s*{_CUR_PRE}?\s*{_NUM}\s*(?P<post>{_CUR_POST})?"),
    # $20-35 / 30 to 50 dollars / 100-150 budget
    re.compile(rf"(?P<pre>{_CUR_PRE})?\s*{_NUM}\s*{_CUR_POST}?\s*(?:-|–|~|to)\s*{_CUR_PRE}?\s*{_NUM}\s*(?P<post>{_CUR_POST}|budget|range|price)?"),
    # 50到100块之间 / 预算100-200
    re.compile(rf"{_NUM}\s*(?:{_CUR_POST})?\s*(?:到|至|-|~|–)\s*{_NUM}\s*(?P<post>{_CUR_POST}|之间)?(?:之间)?"),
)
_MAX_PRE = re.compile(
    rf"(?:\b(?:under|below|less than|cheaper than|lower than|at most|"
    rf"max(?:imum)?(?: of)?|up to|upto|within|budget(?:'s| is| of)?(?: about| around| roughly)?|beneath|no higher than|tops|"
    rf"under than|less then|cheaper then)|<|≤|不超过|不高于|低于|少于|最多|最高|预算|便宜于)\s*:?\s*(?:about|around)?\s*{_CUR_PRE}?\s*{_NUM}\s*{_CUR_POST}?"
)
_MAX_POST = re.compile(
    rf"{_CUR_PRE}?\s*{_NUM}\s*{_CUR_POST}?\s*(?:or less|or under|or below|or cheaper|max(?:imum)?\b|tops\b|at most|"
    rf"and under|and below|limit|budget|total|in total|all in|altogether|overall|for (?:both|everything|the lot)|"
    rf"以内|以下|之内|内|封顶)"
)
_MIN_PRE = re.compile(
    rf"(?:\b(?:at least|over|above|more than|min(?:imum)?(?: of)?|starting (?:at|from)|upwards of|higher than|pricier than|more expensive than)|>|≥|至少|最少|不低于|高于|超过)\s*:?\s*{_CUR_PRE}?\s*{_NUM}\s*{_CUR_POST}?"
)
# "nothing over 90" caps the price, "nothing under 40" floors it: read before the plain cues.
_NOT = r"\b(?:nothing|nothin'?|nuthin'?|not|no|never)\s+"
_NOT_OVER = re.compile(rf"{_NOT}(?:over|above|more than|higher than|pricier than|more expensive than)\s*{_CUR_PRE}?\s*{_NUM}\s*{_CUR_POST}?")
_NOT_UNDER = re.compile(rf"{_NOT}(?:under|below|less than|cheaper than|lower than)\s*{_CUR_PRE}?\s*{_NUM}\s*{_CUR_POST}?")
_MIN_POST = re.compile(rf"{_CUR_PRE}?\s*{_NUM}\s*{_CUR_POST}?\s*(?:or more|and up\b|and above|plus\b|\+|or above|以上|起)")
# "around $200" is a price near 200, not one under it: read as a band AROUND_BAND either side of it
# (a cap said with it, "budget around 200", "under about 50", is read first as a cap, and so is an amount
# said as what there is to spend: "I've got about 50 euros to spend")
AROUND_BAND = 0.2
_AROUND = re.compile(
    rf"(?:\b(?:around|about|roughly|approximately|approx\.?|circa)\s*"
    rf"(?:{_CUR_PRE}\s*{_NUM}\s*{_CUR_POST}?|{_NUM}\s*{_CUR_POST})"
    rf"|(?:{_CUR_PRE}\s*{_NUM}\s*{_CUR_POST}?|{_NUM}\s*{_CUR_POST})\s*(?:or so\b|-?ish\b|左右|上下))"
)
_BARE = re.compile(rf"(?:{_CUR_PRE}\s*{_NUM}\s*{_CUR_POST}?|{_NUM}\s*{_CUR_POST})")
# "a coat around 200" with no currency said is a price too, as "under 200" is: unless it is said of the shopper
# ("I'm about 30", "I wear around 12"), counts things ("about 20 of them"), or is too small to be a price
_AROUND_BARE = re.compile(
    r"\b(?:around|about|roughly|approximately|approx\.?|circa)\s*(\d+(?:\.\d+)?)\b"
    r"(?!\s*(?:(?:-|–|~|to|or)\s*\d|(?:of|items?|options?|results?|more|others?|things?|ones?)\b))")
_SAID_OF_ONESELF = re.compile(
    r"\b(?:i'?m|i am|he'?s|she'?s|he is|she is|they'?re|aged?|size|sized|wear|wears|fits?)\s*$")
MIN_BARE_PRICE = 10


def _around_band(value: float) -> tuple[float, float]:
    """The prices "around" an amount means (AROUND_BAND either side of it)."""
    return round(value * (1 - AROUND_BAND), 2), round(value * (1 + AROUND_BAND), 2)


def _is_cjk_num(raw: str) -> bool:
    return bool(re.fullmatch(_CN_NUM, raw.strip()))


def _amount(m: re.Match) -> float | None:
    """The amount a price pattern's match says (its first group that is a number), if it is one a price can be."""
    num = next((g for g in m.groups() if g and re.fullmatch(_NUM, g)), None)
    value = parse_number(num) if num else None
    return value if value is not None and 0 < value < 1e6 else None


def find_prices(text: str, taken: list[tuple[int, int]] | None = None) -> PriceFinding:
    """Price bounds in folded text; `taken` spans (measurements) are not read again."""
    spans: list[tuple[int, int]] = list(taken or [])
    used: list[tuple[int, int]] = []
    low: float | None = None
    high: float | None = None

    def claim(m: re.Match) -> bool:
        if not _free(spans, m.start(), m.end()) or _unit_follows(text, m.end()):
            return False
        spans.append((m.start(), m.end()))
        used.append((m.start(), m.end()))
        return True

    for pattern in _RANGE_PATTERNS:
        for m in pattern.finditer(text):
            nums = [g for g in m.groups() if g and re.fullmatch(_NUM, g)]
            if len(nums) < 2:
                continue
            a, b = parse_number(nums[0]), parse_number(nums[1])
            if a is None or b is None or not (0 <= a < b < 1e6):
                continue
            explicit = "between" in m.group(0) or "from" in m.group(0)
            cued = explicit or (m.groupdict().get("pre") or m.groupdict().get("post")) or _price_context(text, m.start())
            if any(_is_cjk_num(n) for n in nums) and not m.groupdict().get("post"):
                continue
            # An uncued "150-250" in a shopping chat is a budget unless it is tiny ("2-3").
            if not cued and (a < 10 or "-" not in m.group(0) and "到" not in m.group(0)):
                continue
            if b < 5 and not m.groupdict().get("post"):
                continue
            if claim(m):
                low, high = a, b
    bounds = ((_NOT_OVER, "max"), (_NOT_UNDER, "min"), (_MAX_PRE, "max"), (_MAX_POST, "max"), (_MIN_PRE, "min"), (_MIN_POST, "min"))
    for pattern, side in bounds:
        for m in pattern.finditer(text):
            value = _amount(m)
            if value is None:
                continue
            if m.group(0).strip().startswith(("over", "above", "under", "below")) and _BODY_CONTEXT.search(text):
                continue
            if claim(m):
                if side == "max":
                    high = value
                else:
                    low = value
    if high is None and low is None and not _BUDGET_WORDS.search(text):
        for m in _AROUND.finditer(text):
            value = _amount(m)
            if value is not None and claim(m):
                low, high = _around_band(value)
    if high is None and low is None and not _BUDGET_WORDS.search(text) and not _BODY_CONTEXT.search(text):
        for m in _AROUND_BARE.finditer(text):
            value = _amount(m)
            if value is not None and value >= MIN_BARE_PRICE and not _SAID_OF_ONESELF.search(text[:m.start()]) \
                    and claim(m):
                low, high = _around_band(value)
    if high is None and low is None:
        for m in _BARE.finditer(text):
            value = _amount(m)
            if value is not None and claim(m):
                high = value
    if low is not None and high is not None and low > high:
        low, high = high, low
    return PriceFinding(low, high, tuple(used))


_PRICE_WORDS = re.compile(r"(budget|price|spend|pay|cost|costing|afford|预算|价格|价位|价钱)")
_BUDGET_WORDS = re.compile(r"\b(?:budget|spend|afford|pay)|预算")
_BODY_CONTEXT = re.compile(r"\b(tall|height|weigh|weight|waist|chest|hips?|cm|kg|lbs)\b")


def _price_context(text: str, start: int) -> bool:
    return bool(_PRICE_WORDS.search(text[max(0, start - 25):start]))


# ---- measurements -----------------------------------------------------------------

_PART_NAMES = {
    "chest": "chest_cm", "bust": "chest_cm", "waist": "waist_cm", "hip": "hip_cm", "hips": "hip_cm",
    "neck": "neck_cm", "胸围": "chest_cm", "腰围": "waist_cm", "臀围": "hip_cm", "领围": "neck_cm",
    "胸": "chest_cm", "腰": "waist_cm", "臀": "hip_cm",
}
_LEN_UNIT = r"(cm|centimet(?:er|re)s?|in\b|inch(?:es)?|\"|''|厘米|公分|寸)"
_PART_FIRST = re.compile(
    rf"\b(chest|bust|waist|hips?|neck)\b(?:\s*(?:is|are|of|measures?|measurement|size|:|=|about|around|roughly))*\s*(\d{{2,3}}(?:\.\d)?)\s*{_LEN_UNIT}?"
)
_NUM_FIRST = re.compile(rf"(\d{{2,3}}(?:\.\d)?)\s*{_LEN_UNIT}?\s*(?:-\s*)?(chest|bust|waist|hips?|neck)\b")
_PART_CN = re.compile(rf"(胸围|腰围|臀围|领围|胸|腰|臀)\s*(?:是|有|大概|约)?\s*(\d{{2,3}}(?:\.\d)?)\s*{_LEN_UNIT}?")
_HEIGHT_CM = re.compile(r"(\d{3}(?:\.\d)?)\s*(?:cm|centimet(?:er|re)s?|厘米|公分)")
_HEIGHT_FT = re.compile(r"\b([4-7])\s*(?:'|ft\b|feet|foot)\s*(?:(\d{1,2})\s*(?:\"|''|in\b|inches)?)?")
_HEIGHT_M = re.compile(r"\b(1[.,]\d{1,2})\s*(?:m\b|meters?|metres?)|1米(\d{1,2})")
_HEIGHT_CN = re.compile(r"(?:身高|个子|高)\s*(?:是|有|大概|约)?\s*(\d{3})")
_HEIGHT_BARE = re.compile(r"(?:\bi'?m|\bi am|\bhe'?s|\bshe'?s|\bhe is|\bshe is|\bim|我|他|她)\s*(?:about|around|roughly|大概|约)?\s*(\d{3})(?!\d)")
_WEIGHT_KG = re.compile(r"(\d{2,3}(?:\.\d)?)\s*(?:kg|kgs|kilos?|kilograms?|公斤|千克)")
_WEIGHT_LB = re.compile(r"(\d{2,3}(?:\.\d)?)\s*(?:lbs?\b|pounds)")
_WEIGHT_JIN = re.compile(r"(\d{2,3}(?:\.\d)?)\s*斤")
_WEIGHT_CN = re.compile(r"体重\s*(?:是|有|大概|约)?\s*(\d{2,3})(?!\s*(?:斤|公斤|kg))")
_INCH = 2.54


def _length_cm(slot: str, value: float, unit: str | None) -> float:
    if unit and (unit.startswith("c") or unit in ("厘米", "公分")):
        return value
    if unit == "寸":
        return value * 3.33
    if unit:
        return value * _INCH
    limit = 25 if slot == "neck_cm" else 60
    return value * _INCH if value < limit else value


def find_measurements(text: str) -> tuple[Measurements, tuple[tuple[int, int], ...]]:
    """Height, weight and body measurements in folded text, in cm/kg, with their spans."""
    found: dict[str, float] = {}
    spans: list[tuple[int, int]] = []

    def take(m: re.Match, key: str, value: float) -> None:
        if not _free(spans, m.start(), m.end()):
            return
        found.setdefault(key, round(value, 1))
        spans.append((m.start(), m.end()))

    for m in _PART_FIRST.finditer(text):
        key = _PART_NAMES[m.group(1)]
        take(m, key, _length_cm(key, float(m.group(2)), m.group(3)))
    for m in _NUM_FIRST.finditer(text):
        key = _PART_NAMES[m.group(3)]
        take(m, key, _length_cm(key, float(m.group(1)), m.group(2)))
    for m in _PART_CN.finditer(text):
        key = _PART_NAMES[m.group(1)]
        take(m, key, _length_cm(key, float(m.group(2)), m.group(3)))
    for m in _HEIGHT_CM.finditer(text):
        if 120 <= float(m.group(1)) <= 230:
            take(m, "height_cm", float(m.group(1)))
    for m in _HEIGHT_FT.finditer(text):
        take(m, "height_cm", int(m.group(1)) * 30.48 + int(m.group(2) or 0) * _INCH)
    for m in _HEIGHT_M.finditer(text):
        metres = float(m.group(1).replace(",", ".")) if m.group(1) else 1 + int(m.group(2)) / (10 ** len(m.group(2)))
        take(m, "height_cm", metres * 100)
    for m in _HEIGHT_CN.finditer(text):
        if 120 <= int(m.group(1)) <= 230:
            take(m, "height_cm", float(m.group(1)))
    for m in _WEIGHT_KG.finditer(text):
        take(m, "weight_kg", float(m.group(1)))
    for m in _WEIGHT_LB.finditer(text):
        take(m, "weight_kg", float(m.group(1)) * 0.4536)
    for m in _WEIGHT_JIN.finditer(text):
        take(m, "weight_kg", float(m.group(1)) * 0.5)
    for m in _WEIGHT_CN.finditer(text):
        value = float(m.group(1))
        take(m, "weight_kg", value if value < 150 else value * 0.5)
    for m in _HEIGHT_BARE.finditer(text):
        value = float(m.group(1))
        if 130 <= value <= 220 and not _unit_follows(text, m.end()):
            take(m, "height_cm", value)
    return Measurements(**found), tuple(spans)
