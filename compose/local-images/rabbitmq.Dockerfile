# RabbitMQ (with the management plugin) from Debian's package, for machines that reach no image registry
# (scripts/docker-images.sh builds it). Stands in for the official rabbitmq management image: RABBITMQ_DEFAULT_USER
# and RABBITMQ_DEFAULT_PASS create the user, logs go to stdout, data lives in /var/lib/rabbitmq.
ARG BASE_IMAGE=isolated-runtime/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends rabbitmq-server \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && rabbitmq-plugins enable --offline rabbitmq_management
# Debian's /usr/sbin/rabbitmq-server wrapper switches user and sends the logs to files; the broker script itself,
# started as the rabbitmq user with RABBITMQ_LOGS=-, logs to stdout where `docker logs` reads it.
ENV RABBITMQ_LOGS=- \
    PATH=/usr/lib/rabbitmq/bin:$PATH
USER rabbitmq
WORKDIR /var/lib/rabbitmq
EXPOSE 5672 15672
CMD ["rabbitmq-server"]
