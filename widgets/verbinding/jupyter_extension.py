"""A Jupyter server extension: the course's server settings in every Jupyter server.

The wheel enables it for the whole environment (``etc/jupyter/jupyter_server_config.d/
verbinding.json``), so a JupyterHub single-user server, Binder and a trainer's ``jupyter lab``
all get it without copying files. A Jupyter server reads other settings only from files
(``jupyter_server_config.json``) that an administrator may already have; the extension
fills in what nobody configured:

- the course's kernel manager (:mod:`verbinding.kernels`): kernels over ``ipc`` sockets, so
  a class starting at once does not race for TCP ports, and a kernel that dies at start is
  replaced instead of leaving the learner's page loading for good;

- no MathJax from cdnjs: Voilà's pages in a Jupyter server load it from
  ``ServerApp.tornado_settings["mathjax_url"]`` unless that is null (the course template
  shows no formulas);
- culling of idle kernels, with the numbers of ``voila.json`` (standalone Voilà reads them
  there): a closed Voilà tab keeps its kernel (~250 MB) until it is culled. Kernels with an
  open tab (``cull_connected`` false), such as a trainer's notebooks in JupyterLab, stay.
- a spare kernel with the course's code imported (:mod:`verbinding.kernels`), in the folder
  of the course app, so a learner's page (and her next tab) starts without the imports:
  Voilà keeps no pool of preheated kernels in a Jupyter server;
- the trainer material (``trainer/``) only for trainers (:mod:`verbinding.trainer_access`);
- the client's address for the kernel manager's caps (:mod:`verbinding.kernels`). The caps
  themselves are off here unless configured (``CourseKernelManager.max_kernels``,
  ``max_kernels_per_address``): such a server belongs to one person (Binder, ``jupyter lab``;
  Binder limits each user's memory itself), every request reaches it through the same proxy
  address, and a hub learner's server has its own cap (:mod:`verbinding.hub.limits`).
"""

from __future__ import annotations

import json
from pathlib import Path

MATHJAX_SETTINGS = ("mathjax_url", "mathjax_config")


def _jupyter_server_extension_points():
    return [{"module": "verbinding.jupyter_extension"}]


def culling_settings() -> dict:
    """``MappingKernelManager`` settings of the course's ``voila.json``."""
    from verbinding.server import config_dir

    config = json.loads((config_dir() / "voila.json").read_text(encoding="utf-8"))
    return dict(config["MappingKernelManager"])


def _configured(config, instance, name: str) -> bool:
    """True if ``name`` is set in ``config`` for the class of ``instance`` or a parent class."""
    return any(cls.__name__ in config and name in config[cls.__name__] for cls in type(instance).__mro__)


def apply(serverapp) -> dict:
    """Set what nobody configured; returns what was set (for the log and the tests)."""
    applied = {}
    settings = serverapp.web_app.settings
    for key in MATHJAX_SETTINGS:
        if key not in serverapp.tornado_settings:
            settings[key] = None
            applied[key] = None
    manager = serverapp.kernel_manager
    for name, value in culling_settings().items():
        if not _configured(serverapp.config, manager, name):
            setattr(manager, name, value)
            applied[name] = value
    return applied


def course_app_folder(root_dir: str | Path) -> str | None:
    """The folder, relative to the server's root, of the course app (``index.ipynb`` that
    runs ``course_app``): "" on a hub (the root is the course), "course" on Binder."""
    for folder in ("", "course"):
        notebook = Path(root_dir) / folder / "index.ipynb"
        try:
            if "course_app" in notebook.read_text(encoding="utf-8"):
                return folder
        except OSError:
            continue
    return None


def keep_a_spare_kernel(serverapp) -> str | None:
    """Give the course's kernel manager a spare kernel for the course app's folder (unless
    an administrator configured ``spare_kernels``); returns that folder."""
    from verbinding.kernels import CourseKernelManager

    manager = serverapp.kernel_manager
    if not isinstance(manager, CourseKernelManager):
        return None
    folder = course_app_folder(serverapp.root_dir)
    if folder is None:
        return None
    if not _configured(serverapp.config, manager, "spare_kernels"):
        manager.spare_kernels = 1
    if not _configured(serverapp.config, manager, "spare_path"):
        manager.spare_path = folder
    serverapp.io_loop.add_callback(manager.keep_spares)
    return folder


def use_course_kernels(serverapp) -> bool:
    """Start kernels with the course's kernel manager (ipc sockets, a kernel that dies at
    start replaced: :mod:`verbinding.kernels`) unless an administrator chose a manager or a
    kernel gateway. Runs when the extension is linked, before the server makes its manager."""
    if "kernel_manager_class" in serverapp.config.get("ServerApp", {}):
        return False
    from jupyter_server.gateway.gateway_client import GatewayClient

    if GatewayClient.instance(parent=serverapp).gateway_enabled:
        return False
    from verbinding.kernels import CourseKernelManager

    serverapp.kernel_manager_class = CourseKernelManager
    return True


def _link_jupyter_server_extension(serverapp):
    use_course_kernels(serverapp)


def _load_jupyter_server_extension(serverapp):
    from verbinding.kernels import remember_client_addresses
    from verbinding.trainer_access import install

    applied = apply(serverapp)
    applied["trainer_role"] = install(serverapp.web_app).role
    applied["spare_kernel_folder"] = keep_a_spare_kernel(serverapp)
    remember_client_addresses(serverapp.web_app)
    serverapp.log.info("verbinding: course settings %s", applied)
