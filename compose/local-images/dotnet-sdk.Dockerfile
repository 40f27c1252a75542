# The .NET SDK image, made from the building machine's own .NET installation on top of the runtime image above
# (scripts/docker-images.sh builds it, with the folder dotnet/ of the context copied from the host). The host's CA
# bundle (ca-certificates.crt in the context) replaces the image's: NuGet restores go out through whatever HTTPS
# egress the host goes through, and trust what the host trusts.
ARG RUNTIME_IMAGE=isolated-runtime/dotnet-runtime:10.0
FROM ${RUNTIME_IMAGE}
COPY dotnet/ /usr/share/dotnet/
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
# The host's NUGET_CERT_REVOCATION_MODE is passed in too: where the revocation servers of package signatures cannot be
# reached (an egress that lets only the package feed through), "offline" keeps restores from waiting on them.
ARG NUGET_CERT_REVOCATION_MODE=online
ENV DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE}
RUN dotnet --list-sdks
