# Redis from Debian's package, for machines that reach no image registry (scripts/docker-images.sh builds it).
# Stands in for the official redis image: redis-server and redis-cli on PATH, the server in the foreground.
ARG BASE_IMAGE=isolated-runtime/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
USER redis
WORKDIR /var/lib/redis
EXPOSE 6379
# As in the official image: no bind restriction and no protected mode, so that a password-less test server answers
# through Docker's port mapping; the compose file adds --requirepass.
CMD ["redis-server", "--protected-mode", "no"]
