"""The shipped sentencepiece model: token counts across scripts, batch = one by one, no unknowns."""
import os

import pytest

from audit.lang import subword


def test_model_ships_with_the_package_and_has_16k_pieces():
    assert os.path.isfile(subword.MODEL_PATH)
    assert os.path.getsize(subword.MODEL_PATH) < 1_000_000
    assert subword.processor().get_piece_size() == 16000


@pytest.mark.parametrize("text", [
    "The harbour will reopen on Thursday after repairs.",
    "El puerto reabrirá el jueves tras las reparaciones.",
    "Порт снова откроется в четверг после ремонта.",
    "港口将在维修后于周四重新开放。",
    "港は修理の後、木曜日に再開する。",
    "항구는 수리 후 목요일에 다시 문을 연다.",
    "سيعاد فتح الميناء يوم الخميس بعد الإصلاحات.",
    "मरम्मत के बाद बंदरगाह गुरुवार को फिर से खुलेगा।",
    "ท่าเรือจะเปิดอีกครั้งในวันพฤหัสบดี",
])
def test_token_counts_are_sane_in_many_scripts(text):
    n = subword.token_count(text)
    assert 0 < n <= len(text) + 1  # never more than about one token per character
    assert subword.token_counts([text]) == [n]
    unk = subword.processor().unk_id()
    assert unk not in subword.processor().encode(text)  # byte fallback: nothing is unknown
    assert "".join(subword.pieces(text)).replace("▁", " ").strip() == text


def test_latin_text_takes_fewer_tokens_than_characters():
    text = "The committee will publish the final report next week."
    assert subword.token_count(text) < len(text) / 2


def test_empty_and_whitespace():
    assert subword.token_count("") == 0
    assert subword.token_count("   ") == 0
    assert subword.token_counts(["", "a b", " "]) == [0, subword.token_count("a b"), 0]
    assert subword.token_counts([]) == []


def test_rare_characters_fall_back_to_bytes_not_unknown():
    text = "𓀀 ꙮ"  # Egyptian hieroglyph, Cyrillic multiocular O
    ids = subword.processor().encode(text)
    assert subword.processor().unk_id() not in ids and len(ids) >= 2


def test_sacrebleu_tokenizer_adapter():
    tok = subword.SentencePieceTokenizer()
    assert tok.signature() == "transaudit-spm16k"
    assert tok("Hello world.").split() == subword.pieces("Hello world.")
