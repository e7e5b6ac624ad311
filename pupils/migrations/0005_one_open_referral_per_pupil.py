from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("pupils", "0004_withdraw_duplicate_open_referrals"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='referral',
            constraint=models.UniqueConstraint(condition=models.Q(('stage__in', ['concern', 'evidence', 'parents', 'panel']), models.Q(('outcome', 'wait_listed'), ('stage', 'decided')), _connector='OR'), fields=('pupil',), name='one_open_referral_per_pupil'),
        ),
    ]
