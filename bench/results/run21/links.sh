#!/bin/bash
# links.sh JAR PEOPLE: link previews off, then on (10 % of messages link to the bench's own site on
# 127.0.0.1:8099, which the server may fetch from with --link-preview-internal), one step each of
# PEOPLE with a 90 s hold on a fresh server; results links-off-PEOPLE.* and links-on-PEOPLE.* here
JAR=$1; P=$2; H=$(dirname "$0")
SERVER_ARGS="--link-previews off" "$H/step.sh" links-off-$P "$JAR" "$P"
SERVER_ARGS="--link-preview-internal 127.0.0.1:8099" "$H/step.sh" links-on-$P "$JAR" "$P" --link-share 0.1
