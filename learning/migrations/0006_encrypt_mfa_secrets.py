"""Two-factor secrets stored before encryption (plain TOTP keys and recovery seeds) are
encrypted with the first key of DJANGO_MFA_KEYS; see learning/mfa.py."""

from django.db import migrations


def encrypt_plain_secrets(apps, schema_editor):
    from learning.mfa import is_encrypted, reencrypt_authenticators, secrets_of

    Authenticator = apps.get_model("mfa", "Authenticator")
    plain = [
        authenticator.pk
        for authenticator in Authenticator.objects.all()
        if not all(is_encrypted(s) for s in secrets_of(authenticator.type, authenticator.data))
    ]
    if plain:
        reencrypt_authenticators(Authenticator.objects.filter(pk__in=plain))


def decrypt_secrets(apps, schema_editor):
    """Back to allauth's plain storage (only to go back to a release without encryption)."""
    from learning.mfa import SECRET_FIELDS, decrypt_secret, is_encrypted

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=list(SECRET_FIELDS)):
        data = dict(authenticator.data)
        for name in SECRET_FIELDS[authenticator.type]:
            value = data.get(name)
            if isinstance(value, str) and is_encrypted(value):
                data[name] = decrypt_secret(value)
            elif isinstance(value, list):
                data[name] = [decrypt_secret(v) if is_encrypted(v) else v for v in value]
        authenticator.data = data
        authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0005_mail_outbox_import_jobs_report_pdf"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_plain_secrets, decrypt_secrets)]
