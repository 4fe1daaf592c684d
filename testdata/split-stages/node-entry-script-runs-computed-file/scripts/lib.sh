export APP_DIR=/app
log() { echo "[entry] $*"; }
