# Plausible wrong answer: predicts that the surviving data node that already
# consumes v1 takes v0 over (it "has the collection"); the coordinator gives
# an orphaned channel to the node with the fewest channels instead. Runs on
# the solved lab: it only rewrites the prediction in answers.toml.
set -euo pipefail
source "$SOLUTION_DIR/steps.sh"
busy=$(consumer_of v1)
sed -i "s/^successor = .*/successor = $busy/" answers.toml
cat answers.toml
