"""A keyring backend for subprocess tests: answers with ``SB_TEST_KEYRING_PASSWORD``.

Selected in a child process with ``PYTHON_KEYRING_BACKEND=tests.keyring_env.EnvKeyring`` (the
``keyring`` library's own switch), so the CLI finds a password through the real ``keyring`` API
without a desktop keyring and without a plaintext file.
"""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend
from keyring.errors import PasswordSetError


class EnvKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return os.environ.get("SB_TEST_KEYRING_PASSWORD")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("read-only test keyring")

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordSetError("read-only test keyring")
