"""ML inside a pipeline: when a better model stops no more threats."""
