"""Models go stale: what retraining every N days is worth against what it costs, how value
falls with a model's age, and when more data of lower quality earns less ("mind versus
data"). The models are trained for real by ``sample_data/make_adapt.py``; the page reads
the results."""
