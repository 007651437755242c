"""The bundled sample files of ValueLens, installed as package data (see README.md here)."""
