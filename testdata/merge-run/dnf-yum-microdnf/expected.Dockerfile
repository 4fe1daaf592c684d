FROM fedora:40
RUN dnf install -y httpd \
    && yum install -y nginx \
    && microdnf install jq \
    && dnf clean all \
    && yum clean all \
    && rm -rf /var/cache/yum \
    && microdnf clean all
