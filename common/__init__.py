"""The shared kernel: what every app uses, and nothing that knows an app."""
