# What a learner types to record their findings: the script's printout and the
# image `docker compose images` shows for the standalone service.
python stack.py | tee stack.out
image=$(docker compose images standalone --format json \
    | python -c 'import json, sys; c = json.load(sys.stdin)[0]; print(c["Repository"] + ":" + c["Tag"])')
cat > compose.toml <<ANSWERS
bucket = "$(sed -n 's/^bucket=//p' stack.out)"
insert_log_objects = $(sed -n 's/^insert_log_objects=//p' stack.out)
milvus_image = "$image"
ANSWERS
