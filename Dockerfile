# Image for docker-compose.yml: the app with gunicorn and celery.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build python manage.py collectstatic --noinput \
      --settings=config.settings.production
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn --config config/gunicorn.conf.py"]
