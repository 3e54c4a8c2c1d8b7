"""diplograph's graph layer: model, stores and analytics."""
