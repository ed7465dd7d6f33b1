# syntax=docker/dockerfile:1
# nianbao: a static binary on an empty base, run as a non-root user, with
# the archive on the /data volume.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -tags timetzdata -ldflags="-s -w" -o /out/nianbao ./cmd/nianbao \
 && mkdir -p /out/data /out/tmp && chown 65532:65532 /out/data && chmod 0750 /out/data && chmod 1777 /out/tmp

FROM scratch
# CA roots for https portals; the user and group 65532 ("nonroot") own /data.
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/nianbao /nianbao
COPY --from=build --chown=65532:65532 /out/data /data
# The WARC export spills records over 1 MiB to a temporary file.
COPY --from=build /out/tmp /tmp
USER 65532:65532
ENV NIANBAO_DB=/data/archive.db \
    NIANBAO_LISTEN=0.0.0.0:8080 \
    TZ=Asia/Shanghai
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["/nianbao", "healthcheck"]
ENTRYPOINT ["/nianbao"]
CMD ["serve", "--log-format", "json"]
