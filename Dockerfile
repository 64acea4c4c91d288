# Production image: gunicorn serves the app, whitenoise the static files.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# Pango and a font for WeasyPrint, which prints the work-plan letter (as in `make browser`).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

COPY . .
RUN pip install . \
    && useradd --create-home --uid 1000 wajong \
    && mkdir -p /app/var /app/staticfiles \
    && DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
    && chown -R wajong /app/var /app/staticfiles

USER wajong
EXPOSE 8000
# Port, workers and logs (no query strings, BSNs redacted) are set in gunicorn.conf.py.
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
