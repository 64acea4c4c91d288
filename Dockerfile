# Production image: gunicorn serves the app, whitenoise the static files.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY . .
RUN pip install . \
    && useradd --create-home --uid 1000 wajong \
    && mkdir -p /app/var /app/staticfiles \
    && DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
    && chown -R wajong /app/var /app/staticfiles

USER wajong
EXPOSE 8000
CMD ["gunicorn", "wajong.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
