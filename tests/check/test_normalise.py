"""The matching form of a message and its map back to the original text."""

from __future__ import annotations

from overdue_aid.check.normalise import normalise


def test_fullwidth_traditional_and_case_are_folded_with_exact_excerpts():
    text = "ＶＩＰ通道：您的帳戶已逾期"
    normal = normalise(text)
    assert normal.text == "vip通道:你的账户已逾期"
    start = normal.text.index("账户")
    assert normal.excerpt(start, start + 2) == "帳戶"


def test_evasion_spaces_between_chinese_characters_are_dropped_but_remembered():
    text = "就爆你通 讯 录，加微-信"
    normal = normalise(text)
    assert "通讯录" in normal.text and "微信" in normal.text
    start = normal.text.index("通讯录")
    assert normal.excerpt(start, start + 3) == "通 讯 录"


def test_spaces_between_latin_words_and_numbers_stay():
    assert normalise("Pay $1,250.00 now").text == "pay $1,250.00 now"
    assert normalise("应还 1,250.00 元").text == "应还 1,250.00 元"


def test_zero_width_characters_are_removed():
    normal = normalise("逾\u200b期")
    assert normal.text == "逾期" and normal.excerpt(0, 2) == "逾\u200b期"


def test_characters_that_expand_keep_the_map():
    text = "İstanbul ﬁne ½ 逾期"
    normal = normalise(text)
    for start in range(len(normal.text)):
        for end in range(start, min(len(normal.text), start + 4) + 1):
            assert normal.excerpt(start, end) in text


def test_the_traditional_character_list_matches_opencc():
    import opencc
    from importlib.resources import files

    listed = set(files("overdue_aid.check").joinpath("rules", "traditional.txt").read_text("utf-8").replace("\n", ""))
    converter = opencc.OpenCC("t2s")
    sample = [chr(code) for code in range(0x4E00, 0x9FFF, 7)]
    changed = {char for char in sample if converter.convert(char) != char}
    assert changed == listed & set(sample)


def test_scare_quotes_inside_a_chinese_phrase_are_read_through_but_remembered():
    original = "他们就说要上门“收拾”我，还要找人来「看看」你"
    normal = normalise(original)
    assert "上门收拾我" in normal.text and "来看看你" in normal.text
    start = normal.text.index("上门收拾我")
    assert normal.excerpt(start, start + len("上门收拾我")) == "上门“收拾”我"


def test_a_longer_quotation_or_one_at_a_phrase_edge_keeps_its_marks():
    for text in ("系统误开通“会员自动续费”，每月扣费", "他说：“收拾”", "“收拾”我", "I said \"ok\" then"):
        assert normalise(text).text == text.lower()

