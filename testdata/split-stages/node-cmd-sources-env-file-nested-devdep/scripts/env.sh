export SEED=1
. ./scripts/seed-lib.sh
