"""The analyst's explorer at ``/`` and the offline ``/docs`` and ``/redoc`` (no CDN anywhere)."""
