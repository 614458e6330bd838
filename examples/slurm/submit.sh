#!/usr/bin/env bash
# Sharded RecLens build on a Slurm cluster: shard 1 trains (and caches) the models, shards 2…N
# run as a job array once it is done (they load the cached models), and one job renders the site
# from all shards' artifacts when they all succeeded. Run from a folder on a shared file system:
#
#   SHARDS=8 CONFIG=experiment.yaml examples/slurm/submit.sh
#
# The merged site is byte-identical to `reclens build --config $CONFIG` on one machine.
set -euo pipefail
shards="${SHARDS:-8}"
config="${CONFIG:-experiment.yaml}"
export RECLENS_CONFIG="$config" RECLENS_SHARDS="$shards"
first=$(sbatch --parsable --export=ALL,SHARD=1 "$(dirname "$0")/shard.sbatch")
rest=""
if [ "$shards" -gt 1 ]; then
  rest=$(sbatch --parsable --dependency="afterok:$first" --array="2-$shards" "$(dirname "$0")/shard.sbatch")
fi
sbatch --dependency="afterok:$first${rest:+:$rest}" "$(dirname "$0")/render.sbatch"
