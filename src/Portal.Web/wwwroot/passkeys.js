// Passkeys (WebAuthn) for the static pages: <portal-passkey> asks the server for options, lets the browser create or
// use a credential, and posts it with the element's form, where the server verifies it. A custom element rather than
// inline script: the Content-Security-Policy allows none, and Blazor's enhanced navigation inserts pages without
// running their scripts, while custom elements upgrade whenever they appear.
(() => {
    'use strict';

    const webAuthnAvailable = () =>
        typeof window.PublicKeyCredential === 'function' && typeof navigator.credentials?.create === 'function';

    const bytesFromBase64Url = (text) => {
        const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        return bytes.buffer;
    };

    const base64UrlFromBytes = (buffer) => {
        let binary = '';
        for (const byte of new Uint8Array(buffer)) {
            binary += String.fromCharCode(byte);
        }
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };

    const withBinaryIds = (descriptors) => (descriptors ?? []).map((d) => ({ ...d, id: bytesFromBase64Url(d.id) }));

    // Chromium parses the server's JSON itself; older engines need the binary fields decoded by hand.
    const creationOptions = (json) => PublicKeyCredential.parseCreationOptionsFromJSON
        ? PublicKeyCredential.parseCreationOptionsFromJSON(json)
        : {
            ...json,
            challenge: bytesFromBase64Url(json.challenge),
            user: { ...json.user, id: bytesFromBase64Url(json.user.id) },
            excludeCredentials: withBinaryIds(json.excludeCredentials),
        };

    const requestOptions = (json) => PublicKeyCredential.parseRequestOptionsFromJSON
        ? PublicKeyCredential.parseRequestOptionsFromJSON(json)
        : { ...json, challenge: bytesFromBase64Url(json.challenge), allowCredentials: withBinaryIds(json.allowCredentials) };

    const credentialJson = (credential) => {
        if (typeof credential.toJSON === 'function') {
            return JSON.stringify(credential.toJSON());
        }

        const response = credential.response;
        const encoded = { clientDataJSON: base64UrlFromBytes(response.clientDataJSON) };
        if (response.attestationObject) {
            encoded.attestationObject = base64UrlFromBytes(response.attestationObject);
            encoded.transports = typeof response.getTransports === 'function' ? response.getTransports() : [];
        } else {
            encoded.authenticatorData = base64UrlFromBytes(response.authenticatorData);
            encoded.signature = base64UrlFromBytes(response.signature);
            encoded.userHandle = response.userHandle ? base64UrlFromBytes(response.userHandle) : null;
        }
        return JSON.stringify({
            id: credential.id,
            rawId: base64UrlFromBytes(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment ?? null,
            clientExtensionResults: credential.getClientExtensionResults(),
            response: encoded,
        });
    };

    class PortalPasskey extends HTMLElement {
        connectedCallback() {
            this.start = this.querySelector('[data-passkey-start]');
            if (!this.start || !webAuthnAvailable()) {
                return;
            }

            this.removeAttribute('hidden');
            this.start.removeAttribute('hidden');
            this.querySelector('[data-passkey-unsupported]')?.setAttribute('hidden', '');
            this.onStart = () => this.run();
            this.start.addEventListener('click', this.onStart);
        }

        disconnectedCallback() {
            this.start?.removeEventListener('click', this.onStart);
        }

        async run() {
            const form = this.closest('form') ?? this.querySelector('form');
            const field = form?.querySelector('[data-passkey-credential]');
            const token = form?.querySelector('input[name="__RequestVerificationToken"]')?.value;
            if (!field || !token) {
                return;
            }

            this.start.disabled = true;
            this.showError(null);
            try {
                const response = await fetch(new URL(this.dataset.optionsUrl, document.baseURI), {
                    method: 'POST',
                    credentials: 'same-origin',
                    headers: { RequestVerificationToken: token },
                });
                if (!response.ok) {
                    throw new Error(`The server answered ${response.status}.`);
                }

                const options = await response.json();
                const credential = this.dataset.ceremony === 'create'
                    ? await navigator.credentials.create({ publicKey: creationOptions(options) })
                    : await navigator.credentials.get({ publicKey: requestOptions(options) });
                field.value = credentialJson(credential);
                form.submit();
            } catch (error) {
                // Cancelling the browser's dialog lands here too; the person can simply try again.
                console.warn('Passkey ceremony did not complete:', error?.name ?? error);
                this.showError(this.dataset.failed);
                this.start.disabled = false;
            }
        }

        showError(message) {
            const box = this.querySelector('[data-passkey-error]');
            if (!box) {
                return;
            }

            box.textContent = message ?? '';
            box.toggleAttribute('hidden', !message);
        }
    }

    if (!customElements.get('portal-passkey')) {
        customElements.define('portal-passkey', PortalPasskey);
    }
})();
