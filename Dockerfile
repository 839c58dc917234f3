FROM folioci/alpine-jre-openjdk21:latest

# Install the latest Alpine security updates
USER root
RUN apk upgrade --no-cache
USER folio

ENV VERTICLE_FILE=mod-contact-tracing-fat.jar

# Set the location of the verticles; the image's run-java.sh starts the single jar in JAVA_APP_DIR
ENV VERTICLE_HOME=/usr/verticles
ENV JAVA_APP_DIR=${VERTICLE_HOME}

# JVM options are not set here: JAVA_OPTIONS comes from the launchDescriptor env of the
# ModuleDescriptor, and run-java.sh passes it to the JVM. DB_* variables come from there too.

# Copy the fat jar to the container
COPY target/${VERTICLE_FILE} ${VERTICLE_HOME}/${VERTICLE_FILE}

# The module listens on 8081
EXPOSE 8081
