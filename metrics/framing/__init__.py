"""Every output type a model can have, priced: multiclass (a value matrix of classes by
actions), multilabel (one binary decision per label), regression (asymmetric costs of under-
and over-predicting), and the same problem in two framings."""
