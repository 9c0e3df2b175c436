"""Interface layer, HTTP only: public/ (citizens) and backoffice/ (cells) never import each other."""
