"""Graph analytics: networkx snapshots of the store, metrics on them, and their cache."""
