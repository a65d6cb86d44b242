"""massage-timer: guided self-massage for back, neck and shoulder pain."""

__version__ = "0.1.0"
APP_NAME = "massage-timer"
