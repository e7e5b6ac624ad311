set -e
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS nurture_moveproof_copy" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE nurture_moveproof_copy TEMPLATE nurture_moveproof" postgres
count() { psql -h 127.0.0.1 -U postgres -d nurture_moveproof_copy -At -c "select string_agg(format('%s=%s', table_name, (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I', table_name), false, true, '')))[1]::text), ' ' order by table_name) from information_schema.tables where table_schema='public' and table_type='BASE TABLE' and table_name <> 'django_migrations'"; }
count | tr ' ' '\n' > /tmp/move_before.txt
cd /work/main
time DATABASE_URL=postgres://postgres@127.0.0.1:5432/nurture_moveproof_copy .venv/bin/python manage.py migrate
count | tr ' ' '\n' > /tmp/move_after.txt
diff /tmp/move_before.txt /tmp/move_after.txt && echo "every table has the same row count: $(wc -l < /tmp/move_before.txt) tables"
grep -E "pupils_user=|pupils_school=|auditlog_logentry=|targets_targetrating=" /tmp/move_after.txt
psql -h 127.0.0.1 -U postgres -d nurture_moveproof_copy -At -c "select app_label, model from django_content_type where model in ('user','school','staffrole')"
DATABASE_URL=postgres://postgres@127.0.0.1:5432/nurture_moveproof_copy .venv/bin/python manage.py makemigrations --check --dry-run
