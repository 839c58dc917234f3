FROM folioci/alpine-jre-openjdk21:latest

# Install the latest Alpine security updates
USER root
RUN apk upgrade --no-cache
USER folio

ENV VERTICLE_FILE=mod-contact-tracing-fat.jar

# Set the location of the verticles; the image's run-java.sh starts the single jar in JAVA_APP_DIR
ENV VERTICLE_HOME=/usr/verticles
ENV JAVA_APP_DIR=${VERTICLE_HOME}

# A container never runs its database inside itself: without DB_HOST (or without a KEK) the module stops at once
# with one line on stderr, instead of keeping the log and a generated KEK in the container's writable layer. For a
# throw-away evaluation only: docker run -e CONTACT_TRACING_EMBEDDED_DATABASE=allowed ...
ENV CONTACT_TRACING_EMBEDDED_DATABASE=refused

# JVM options are not set here: JAVA_OPTIONS comes from the launchDescriptor env of the
# ModuleDescriptor, and run-java.sh passes it to the JVM. DB_* variables come from there too.

# Copy the fat jar to the container
COPY target/${VERTICLE_FILE} ${VERTICLE_HOME}/${VERTICLE_FILE}

# Class-data sharing (docs/performance.md): one training start records the classes the module loads at
# start-up in an archive that every later start maps instead of loading and verifying them again. It needs no
# database (the pool connects on first use) and a throw-away KEK. The launch descriptor's JAVA_OPTIONS name
# the archive with -XX:SharedArchiveFile; a JVM that cannot use it starts normally, only slower.
USER root
RUN set -e; cd ${VERTICLE_HOME}; \
    export DB_HOST=127.0.0.1 DB_PORT=1 CONTACT_TRACING_KEK="$(head -c 32 /dev/urandom | base64)"; \
    java -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off \
      -XX:ArchiveClassesAtExit=${VERTICLE_HOME}/mod-contact-tracing.jsa \
      -jar ${VERTICLE_HOME}/${VERTICLE_FILE} http.port=8081 & pid=$!; \
    i=0; until wget -q -O /dev/null http://127.0.0.1:8081/admin/health; do i=$((i+1)); [ $i -lt 300 ]; sleep 0.2; done; \
    kill $pid; wait $pid || true; \
    test -s mod-contact-tracing.jsa; chown folio mod-contact-tracing.jsa
USER folio

# The module listens on 8081
EXPOSE 8081
