"""The Kubernetes manifests: valid against a pinned Kubernetes (strict schemas, offline), with the settings that matter.

kubernetes-validate ships the schemas of each Kubernetes version, so this runs with no cluster
and no network. Strict mode rejects any field the API does not know (a typo such as
``readinessProbes`` would otherwise be dropped silently by the API server). The assertions
after it guard what makes the deployment work at all: probes on Streamlit's health endpoint,
sticky sessions, long websocket timeouts, an unprivileged read-only pod, and enough replicas.
"""

from __future__ import annotations

import copy
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "deploy" / "kubernetes"
KUBERNETES_VERSIONS = ("1.33.0", "1.37.0")  # a version still widely run, and the newest the pinned validator knows
HEALTH = "/_stcore/health"


def _resources() -> dict[str, dict]:
    resources = {}
    for path in sorted(MANIFESTS.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document:
                resources[document["kind"]] = document
    return resources


@pytest.fixture(scope="module")
def resources() -> dict[str, dict]:
    return _resources()


def _container(resources: dict[str, dict]) -> dict:
    (container,) = resources["Deployment"]["spec"]["template"]["spec"]["containers"]
    return container


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_is_valid_in_strict_mode(resources: dict[str, dict], version: str):
    assert set(resources) == {"Deployment", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler"}
    for kind, resource in resources.items():
        try:
            kubernetes_validate.validate(resource, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{kind} is not valid for Kubernetes {version}: {error.message} at {list(error.path)}")


def test_strict_validation_rejects_an_unknown_field(resources: dict[str, dict]):
    """Guards the guard: a misspelt field must fail, or the test above proves nothing."""
    broken = copy.deepcopy(resources["Deployment"])
    container = broken["spec"]["template"]["spec"]["containers"][0]
    container["readinessProbes"] = container.pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSIONS[0], strict=True)


def test_deployment_probes_ask_streamlit_s_health_endpoint(resources: dict[str, dict]):
    container = _container(resources)
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    assert ports == {"http": 8501}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": HEALTH, "port": "http"}, probe
    readiness = container["readinessProbe"]
    assert readiness["periodSeconds"] * readiness["failureThreshold"] <= 10, "a failed pod must leave the endpoints within 10 s"


def test_pods_run_unprivileged_on_a_read_only_filesystem(resources: dict[str, dict]):
    pod = resources["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001, "the image's user (Dockerfile)"
    context = _container(resources)["securityContext"]
    assert context["readOnlyRootFilesystem"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["capabilities"]["drop"] == ["ALL"]
    assert pod["automountServiceAccountToken"] is False


def test_resources_are_requested_and_limited(resources: dict[str, dict]):
    limits, requests = _container(resources)["resources"]["limits"], _container(resources)["resources"]["requests"]
    assert set(requests) == set(limits) == {"cpu", "memory"}
    assert _cpu(requests["cpu"]) <= _cpu(limits["cpu"]) and _mib(requests["memory"]) <= _mib(limits["memory"])
    # One Streamlit process runs its sessions' scripts under one interpreter lock: more than a core is waste.
    assert _cpu(limits["cpu"]) <= 1.0
    assert _mib(requests["memory"]) >= 256, "the app alone holds about 220 MiB"


def test_readers_stay_on_one_pod(resources: dict[str, dict]):
    annotations = resources["Ingress"]["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert annotations[prefix + "affinity"] == "cookie"
    assert annotations[prefix + "affinity-mode"] == "persistent", "scaling up must not move existing readers"
    assert annotations[prefix + "session-cookie-name"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(annotations[prefix + timeout]) >= 3600, f"{timeout}: an idle websocket must stay open"
    service = resources["Service"]["spec"]
    assert service["sessionAffinity"] == "ClientIP"
    backend = resources["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": resources["Service"]["metadata"]["name"], "port": {"name": "http"}}
    assert service["ports"][0]["targetPort"] == "http"


def test_service_budget_and_autoscaler_point_at_the_deployment(resources: dict[str, dict]):
    deployment = resources["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert resources["Service"]["spec"]["selector"].items() <= labels.items()
    budget = resources["PodDisruptionBudget"]["spec"]
    assert budget["selector"]["matchLabels"].items() <= labels.items()
    assert 1 <= budget["minAvailable"] < deployment["spec"]["replicas"], "a drain must leave a pod, and be able to proceed"
    autoscaler = resources["HorizontalPodAutoscaler"]
    assert autoscaler["apiVersion"] == "autoscaling/v2"
    assert autoscaler["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": deployment["metadata"]["name"],
    }
    (metric,) = autoscaler["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu" and metric["resource"]["target"]["type"] == "Utilization"
    assert deployment["spec"]["replicas"] >= 2 and autoscaler["spec"]["minReplicas"] >= 2


def _cpu(quantity: str) -> float:
    return float(quantity[:-1]) / 1000 if quantity.endswith("m") else float(quantity)


def _mib(quantity: str) -> float:
    units = {"Mi": 1, "Gi": 1024}
    return float(quantity[:-2]) * units[quantity[-2:]]
