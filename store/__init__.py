"""The data and the domain of phutrach: no UI import, ever."""
