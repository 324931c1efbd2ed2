"""Staff accounts: passwords, sign-in with lockout, sessions with CSRF tokens."""
