"""Decision analysis for any binary classifier: what acting on its scores is worth under a
value matrix, against acting on nobody, on everybody and the perfect decision; the best and
the constrained operating point; top-share gains; three-way decisions with a review band."""
