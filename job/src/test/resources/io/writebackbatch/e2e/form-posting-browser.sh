#!/bin/sh
# The "system browser" of SignInFunctionalIT: MSAL runs `xdg-open <sign-in page>`; like a browser once the
# administrator has signed in, this loads the page and submits its form (code and state) to the app's redirect URI.
page=$(curl --silent --max-time 20 --cacert "$FAKE_AUTHORITY_CERT" "$1")
value() { printf '%s\n' "$page" | grep "name=\"$1\"" | sed 's/.*value="\([^"]*\)".*/\1/'; }
action=$(printf '%s\n' "$page" | grep '<form' | sed 's/.*action="\([^"]*\)".*/\1/')
exec curl --silent --max-time 20 --output /dev/null --data-urlencode "code=$(value code)" \
	--data-urlencode "state=$(value state)" "$action"
