# Object storage of the local services (scripts/services.sh's s3), for the apps and the tests:
# sourced by services.sh, start.sh and test.sh; a variable already set wins.
export S3_PORT=${S3_PORT:-7070}
export S3_ENDPOINT=${S3_ENDPOINT-http://127.0.0.1:$S3_PORT}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID-modalflow}
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY-modalflow-secret}
export FILE_BUCKET=${FILE_BUCKET-modalflow-files}
export CACHE_BUCKET=${CACHE_BUCKET-modalflow-cache}
export UPLOAD_BUCKET=${UPLOAD_BUCKET-modalflow-uploads}
