"""JupyterHub for one class on one server.

``verbinding hub`` starts JupyterHub with this file; an administrator can also run
``jupyterhub -f deploy/jupyterhub_config.py``. Everything is set from environment
variables (``VERBINDING_KLASWACHTWOORD``, ``VERBINDING_HUB_*``: see
``verbinding.hub.HubSettings`` and the README section "De cursus op een JupyterHub").
Add your own settings below the call; they override the course's.
"""

from verbinding.hub.config import configure

configure(c)  # noqa: F821 - JupyterHub provides `c`
