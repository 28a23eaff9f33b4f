"""The app's Streamlit kit: the frame every page runs in (sign-in gate, global controls,
navigation), the cached connection and results, and the blocks pages draw with.

Pages (``pages/``) stay thin: they take the run's context from ``frame.current()``, fetch
through ``connection.cached`` and draw with ``widgets``, ``panels``, ``cards`` and
``downloads``. The domain below (``data``, ``indicators``, ``charts``, ``export``) never
imports Streamlit.
"""
