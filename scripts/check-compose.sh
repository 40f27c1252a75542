#!/usr/bin/env bash
# Validates compose/docker-compose.yml the way CI does: `docker-compose config` against compose/.env.example, then
# checks that everything the file names exists — build contexts, Dockerfiles and their targets and COPY sources, the
# build arguments their FROM lines take base images from (and no "# syntax=" line, which needs a registry),
# bind-mounted folders, named volumes, every ${VAR} (in .env.example, required with :? — no defaults, so no default
# passwords), pinned images, a health check on every service, no fixed container names or host ports on scaled
# services. Needs the Debian packages docker-compose and python3-yaml (a dependency of docker-compose).
# Usage: scripts/check-compose.sh [compose-file[:override-file…]] [env-file]
#   (several files joined with ':', as in COMPOSE_FILE, are checked as docker-compose merges them)
set -euo pipefail
cd "$(dirname "$0")/.."

compose_file="${1:-compose/docker-compose.yml}"
env_file="${2:-compose/.env.example}"

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "check-compose: docker-compose is not installed; install it with" >&2
  echo "  apt-get install -y --no-install-recommends docker-compose" >&2
  exit 2
fi
IFS=: read -ra compose_files <<<"$compose_file"
compose_args=()
for file in "${compose_files[@]}"; do
  compose_args+=(-f "$file")
done
for file in "${compose_files[@]}" "$env_file"; do
  [ -f "$file" ] || { echo "check-compose: $file does not exist" >&2; exit 2; }
done

resolved=$(mktemp)
refusal=$(mktemp)
trap 'rm -f "$resolved" "$refusal"' EXIT
# A refusal is reported with the checks below (an undefined variable is clearer from them than from docker-compose).
docker-compose "${compose_args[@]}" --env-file "$env_file" config >"$resolved" 2>"$refusal" || true

# Debian's interpreter: python3-yaml arrives with docker-compose; a python3 earlier on PATH may lack it.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" - "$compose_file" "$env_file" "$resolved" "$refusal" <<'PYTHON'
import os, re, sys, yaml

compose_file, env_file, resolved_file, refusal_file = sys.argv[1:5]
raw = ''.join(open(name).read() for name in compose_file.split(':'))
# A variable of the env file may serve another compose file of the same folder (an override).
folder = os.path.dirname(compose_file.split(':')[0]) or '.'
siblings = ''.join(open(os.path.join(folder, name)).read() for name in sorted(os.listdir(folder))
                   if name.startswith('docker-compose') and name.endswith(('.yml', '.yaml')))
config = yaml.safe_load(open(resolved_file)) or {}
problems = []
refusal = open(refusal_file).read().strip()
if not config:
    problems.append(f'docker-compose config refused it: {refusal}')

# Variables: every ${VAR} is defined in the example env file and required (:?), so the file holds no defaults.
defined = {}
for line in open(env_file):
    line = line.strip()
    if line and not line.startswith('#') and '=' in line:
        name, value = line.split('=', 1)
        defined[name.strip()] = value
raw_without_escapes = raw.replace('$$', '')
references = re.findall(r'\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}', raw_without_escapes)
bare = re.findall(r'\$([A-Za-z_][A-Za-z0-9_]*)', raw_without_escapes)
for name in sorted(set(bare)):
    problems.append(f'variable ${name} is written without braces; write ${{{name}:?set it in compose/.env}}')
for name, modifier in references:
    if name not in defined:
        problems.append(f'variable {name} is used but not defined in {env_file}')
    if not modifier.startswith(':?'):
        problems.append(f'variable {name} must be required (${{{name}:?…}}), not given a default or left optional')
sibling_references = {name for name, _ in re.findall(r'\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}', siblings.replace('$$', ''))}
for name in sorted(set(defined) - {name for name, _ in references} - sibling_references):
    problems.append(f'{env_file} defines {name}, which no compose file in {folder} uses')

services = config.get('services') or {}
named_volumes = set((config.get('volumes') or {}).keys())
for service_name, service in services.items():
    where = f'service {service_name}'
    build = service.get('build')
    image = service.get('image')
    if build is None:
        if not image or ':' not in image or image.endswith(':latest'):
            problems.append(f'{where}: image {image!r} must be pinned to a tag other than latest')
    else:
        context = build.get('context', '.')
        dockerfile = os.path.join(context, build.get('dockerfile', 'Dockerfile'))
        if not os.path.isdir(context):
            problems.append(f'{where}: build context {context} does not exist')
        elif not os.path.isfile(dockerfile):
            problems.append(f'{where}: Dockerfile {dockerfile} does not exist')
        else:
            text = open(dockerfile).read()
            stages = re.findall(r'^FROM\s+\S+\s+AS\s+(\S+)', text, re.M | re.I)
            if build.get('target') and build['target'] not in stages:
                problems.append(f'{where}: build target {build["target"]} is not a stage of {dockerfile} ({", ".join(stages)})')
            if re.search(r'^#\s*syntax\s*=', text, re.M | re.I):
                problems.append(f'{where}: {dockerfile} has a "# syntax=" line, so BuildKit would fetch that frontend '
                                'image from a registry; the built-in frontend reads a classic Dockerfile')
            for argument in sorted(set(re.findall(r'^FROM\s+\$\{?([A-Za-z_][A-Za-z0-9_]*)', text, re.M | re.I))):
                if argument not in (build.get('args') or {}):
                    problems.append(f'{where}: {dockerfile} takes a base image from the build argument {argument}, '
                                    'which build.args does not set')
            for line in re.findall(r'^COPY\s+(?!--from)(.+)$', text, re.M | re.I):
                for source in line.split()[:-1]:
                    if not source.startswith('--') and not os.path.exists(os.path.join(context, source)):
                        problems.append(f'{where}: {dockerfile} copies {source}, which is not in the build context')
    if 'healthcheck' not in service:
        problems.append(f'{where}: has no healthcheck (write "healthcheck: disable: true" for a one-shot job, on purpose)')
    scaled = 'deploy' in service and 'replicas' in service['deploy']
    if scaled:
        if 'container_name' in service:
            problems.append(f'{where}: is scaled (deploy.replicas), so it must not have a container_name')
        if service.get('ports'):
            problems.append(f'{where}: is scaled (deploy.replicas), so it must not publish host ports (use expose)')
        limits = service['deploy'].get('resources', {}).get('limits', {})
        for limit in ('cpus', 'memory'):
            if limit not in limits:
                problems.append(f'{where}: has no deploy.resources.limits.{limit}')
    for port in service.get('ports') or []:
        published = port.get('published') if isinstance(port, dict) else str(port).rsplit(':', 1)[0].split(':')[-1]
        if published is not None and not str(published).isdigit():
            problems.append(f'{where}: published port {published!r} is not a number')
    for volume in service.get('volumes') or []:
        if isinstance(volume, str):
            source = volume.split(':')[0]
            kind = 'bind' if source.startswith(('/', '.')) else 'volume'
        else:
            source, kind = volume.get('source'), volume.get('type')
        if kind == 'bind' and not os.path.isdir(source) and not os.path.isfile(source):
            problems.append(f'{where}: bind-mounted {source} does not exist')
        if kind == 'volume' and source not in named_volumes:
            problems.append(f'{where}: volume {source} is not declared under volumes:')
    for dependency, condition in (service.get('depends_on') or {}).items():
        if dependency not in services:
            problems.append(f'{where}: depends on {dependency}, which is not a service')
        elif isinstance(condition, dict) and condition.get('condition') == 'service_healthy' \
                and services[dependency].get('healthcheck', {}).get('disable'):
            problems.append(f'{where}: waits for {dependency} to be healthy, but {dependency} has no health check')

if problems:
    print(f'check-compose: {compose_file} has {len(problems)} problem(s):')
    for problem in problems:
        print(f'  - {problem}')
    sys.exit(1)
print(f'check-compose: {compose_file} is valid: {len(services)} services, {len(set(n for n, _ in references))} variables, all paths present')
PYTHON
