"""Sign-in backend: Django's username/password check, with the user's school loaded in the same query.

Permissions in Nurture are django-rules predicates (nurture/permissions.py), not Django's per-user
model permissions, so this backend grants none: asking it costs no query.
"""

from django.contrib.auth.backends import ModelBackend


class SchoolStaffBackend(ModelBackend):
    def get_user(self, user_id):
        user = self.user_model()._default_manager.select_related("school", "trust").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_model(self):
        from django.contrib.auth import get_user_model

        return get_user_model()

    def get_user_permissions(self, user_obj, obj=None) -> set:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set:
        return set()
