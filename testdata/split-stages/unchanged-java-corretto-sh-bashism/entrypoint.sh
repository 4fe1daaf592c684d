#!/bin/sh
if [[ -n "$JAVA_OPTS" ]]; then echo "opts: $JAVA_OPTS"; fi
source /app/defaults.env 2>/dev/null
exec java $JAVA_OPTS -jar /app/app.jar "$@"
