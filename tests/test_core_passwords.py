"""Password hashing (scrypt), the password rules and recovery codes."""
import re

from kemensos_desk.core import passwords

FAST = 2**10  # a low cost keeps the test quick; the stored hash records its own cost


def test_hash_and_verify():
    stored = passwords.hash_password("rahasia123", n=FAST)
    assert stored.startswith(f"scrypt${FAST}$8$1$")
    assert "rahasia123" not in stored
    assert passwords.verify_password("rahasia123", stored)
    assert not passwords.verify_password("rahasia124", stored)
    assert passwords.hash_password("rahasia123", n=FAST) != stored  # salted


def test_default_cost_is_slow_kdf():
    stored = passwords.hash_password("rahasia123")
    assert stored.split("$")[1] == str(2**15)
    assert passwords.verify_password("rahasia123", stored)


def test_verify_rejects_garbage_without_raising():
    for stored in ("", "plain", "bcrypt$1$2$3$4$5", "scrypt$x$8$1$AAAA$AAAA", "scrypt$1024$8$1$!!$!!"):
        assert passwords.verify_password("x", stored) is False


def test_policy():
    assert str(passwords.password_problem("abc12")) == "Kata sandi minimal 8 karakter."
    assert str(passwords.password_problem("abcdefgh")) == "Kata sandi harus berisi huruf dan angka."
    assert str(passwords.password_problem("12345678")) == "Kata sandi harus berisi huruf dan angka."
    assert str(passwords.password_problem("xsiti.rahma1", "siti.rahma")) == "Kata sandi tidak boleh memuat nama pengguna."
    assert passwords.password_problem("rahasia123", "admin") is None
    assert passwords.password_problem("ab1cdefgh", "ab") is None  # short names are not checked


def test_recovery_codes():
    code = passwords.new_recovery_code()
    assert re.fullmatch(r"([A-Z2-9]{5}-){3}[A-Z2-9]{5}", code)
    assert not set(code) & set("01IO")
    assert passwords.normalize_recovery_code(code.lower().replace("-", " ")) == code
    assert passwords.normalize_recovery_code(" k7qm2xw9hd-4rtnp ac3ve ") == "K7QM2-XW9HD-4RTNP-AC3VE"
    assert passwords.normalize_recovery_code(None) == ""
    assert passwords.new_recovery_code() != code


def test_a_check_started_ahead_gives_the_same_answers():
    from kemensos_desk.core import passwords as pw

    stored = pw.hash_password("rahasia123", n=2**10)
    pw.verify_soon("rahasia123", stored)
    assert pw.verify_password("rahasia123", stored) is True
    pw.verify_soon("salah-sekali1", stored)
    assert pw.verify_password("salah-sekali1", stored) is False
    # A check started for another pair is never taken for this one.
    pw.verify_soon("rahasia123", stored)
    assert pw.verify_password("lain-lagi123", stored) is False
