# Shared by logical-restore, backup-misses and migration: find `orders`' id and the
# segments the source serves, copy both logs of each into the target's root,
# and import the copy's partition folders with the backup flag.
# COPY_BUCKET (the target's bucket, when it has its own) and TARGET_NAME (a
# new name on the target) are the migration's; COPIED_LOGS, IMPORT_ROOT and
# COPY (segments, folder, none) vary it for the wrong answers.
set -euo pipefail
COPIED_LOGS=${COPIED_LOGS:-"insert_log delta_log"}
IMPORT_ROOT=${IMPORT_ROOT:-files2/backup}
COPY=${COPY:-segments}
copy_root=${COPY_BUCKET:+s3://$COPY_BUCKET/}files2/backup
python segments.py orders | tee segments.txt
collection=$(awk '/^collection/ {print $2}' segments.txt)
partition=$(awk '/^partition/ {print $2; exit}' segments.txt)
for log in $COPIED_LOGS; do
    case $COPY in
        segments)
            for segment in $(awk '/^partition/ {print $4}' segments.txt); do
                python s3.py cp "files/$log/$collection/$partition/$segment/" \
                    "$copy_root/$log/$collection/$partition/$segment/"
            done ;;
        folder) python s3.py cp "files/$log/$collection/" "$copy_root/$log/$collection/" ;;
    esac
done
# Both folders, always: with the backup flag, the import takes exactly two.
python restore.py orders "$IMPORT_ROOT/insert_log/$collection/$partition/" \
    "$IMPORT_ROOT/delta_log/$collection/$partition/" ${TARGET_NAME:+--as "$TARGET_NAME"}
