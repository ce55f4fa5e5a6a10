"""How guessable a password is, judged by zxcvbn (common passwords, repeats, sequences, words).

Length alone lets "aaaaaaaaaa", ten spaces and "1234567890" through; zxcvbn estimates the
guesses an attacker needs from its frequency lists and patterns. Scores run 0 to 4; below
MIN_SCORE (fewer than about a million guesses) a password is refused.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

MIN_SCORE = 2
# zxcvbn refuses longer input and its cost grows with length; the first 72 characters are
# also all that bcrypt-era habits make people type with care, and enough to judge.
JUDGED_LENGTH = 72


def guessability_problem(password: str, user_inputs: list[str] | None = None) -> str | None:
    """Why the password is too easy to guess, or None when it is acceptable."""
    result = zxcvbn(password[:JUDGED_LENGTH], user_inputs=user_inputs or [])
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    advice = " ".join(
        part for part in (feedback.get("warning"), *feedback.get("suggestions", [])) if part
    )
    return f"is too easy to guess. {advice}".strip()
