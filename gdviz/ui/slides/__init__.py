"""Material for slides: presentation mode, pictures at a scale, animated GIFs."""
