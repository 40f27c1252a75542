# The .NET runtime image, made from the building machine's own .NET installation, for machines that reach no image
# registry (scripts/docker-images.sh builds it, with the folder dotnet/ of the context copied from the host). Like
# the official runtime image: the runtime's native dependencies, `dotnet` on PATH, and the non-root user "app"
# (uid 1654).
ARG BASE_IMAGE=isolated-runtime/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libc6 libgcc-s1 libicu72 libssl3 libstdc++6 tzdata zlib1g \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
ENV APP_UID=1654 \
    DOTNET_RUNNING_IN_CONTAINER=true
RUN groupadd --system --gid=1654 app \
 && useradd --no-log-init --system --uid=1654 --gid=app --create-home app
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && dotnet --list-runtimes
