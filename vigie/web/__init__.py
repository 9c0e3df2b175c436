"""Interface layer, HTTP only: public/ (citizens), backoffice/ (cells); never cross-imported."""
